// Small browser facts the server cannot know by itself.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// A cookie, not local storage: the server reads it to render the first HTML (and the sign-in pages) in that mode.
export function saveDarkMode(on) {
    document.cookie = `meetings.theme=${on ? "dark" : "light"}; path=/; max-age=31536000; samesite=lax`;
}

export function loadDarkMode() {
    return document.cookie.split("; ").includes("meetings.theme=dark");
}
