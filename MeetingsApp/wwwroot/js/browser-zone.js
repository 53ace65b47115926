// Sign-in and registration forms carry the browser's IANA time zone, so the server can show every time in it from
// the first byte of the next page. The forms render statically and may arrive by enhanced navigation, hence both events.
(function () {
    function fill() {
        var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
        document.querySelectorAll("input[data-browser-zone]").forEach(function (input) { input.value = zone; });
    }
    document.addEventListener("DOMContentLoaded", fill);
    if (window.Blazor && Blazor.addEventListener) Blazor.addEventListener("enhancedload", fill);
    else document.addEventListener("DOMContentLoaded", function () {
        if (window.Blazor && Blazor.addEventListener) Blazor.addEventListener("enhancedload", fill);
    });
    fill();
})();
