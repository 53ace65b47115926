// Small browser facts the server cannot know by itself.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

export function loadDarkMode() {
    return localStorage.getItem("meetings.darkMode") === "true";
}

export function saveDarkMode(on) {
    localStorage.setItem("meetings.darkMode", on ? "true" : "false");
}
