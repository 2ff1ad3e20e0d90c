// Keeps what a person types in a long field in this browser until the server has taken it, so a dropped connection,
// a closed tab or a dead battery on an old phone does not lose an answer. Fields opt in with data-draft="<key>"; the
// page the server returns after a successful save carries data-draft-saved="<key>" to clear it.
(function () {
    const prefix = "cogov-draft:";
    const timers = new WeakMap();

    function restoreAndWatch() {
        document.querySelectorAll("[data-draft-saved]").forEach(marker => {
            localStorage.removeItem(prefix + marker.getAttribute("data-draft-saved"));
        });
        document.querySelectorAll("textarea[data-draft], input[data-draft]").forEach(field => {
            const key = prefix + field.getAttribute("data-draft");
            const saved = localStorage.getItem(key);
            if (saved !== null && field.value.trim() === "") {
                field.value = saved;
                const note = document.querySelector(`[data-draft-note="${field.getAttribute("data-draft")}"]`);
                if (note) {
                    note.hidden = false;
                }
            }
            if (field.dataset.draftWatched) {
                return;
            }
            field.dataset.draftWatched = "true";
            field.addEventListener("input", () => {
                clearTimeout(timers.get(field));
                timers.set(field, setTimeout(() => {
                    if (field.value.trim() === "") {
                        localStorage.removeItem(key);
                    } else {
                        localStorage.setItem(key, field.value);
                    }
                }, 300));
            });
        });
    }

    document.addEventListener("DOMContentLoaded", restoreAndWatch);
    // Blazor's enhanced navigation swaps pages without a full load.
    if (window.Blazor) {
        window.Blazor.addEventListener("enhancedload", restoreAndWatch);
    } else {
        document.addEventListener("blazor:ready", restoreAndWatch);
        window.addEventListener("load", () => window.Blazor && window.Blazor.addEventListener("enhancedload", restoreAndWatch));
    }
})();
