// Keeps what a person types in a long field in this browser until the server has taken it, so a dropped connection,
// a closed tab or a dead battery on an old phone does not lose an answer. Fields opt in with data-draft="<key>"; the
// page the server returns after a successful save carries data-draft-saved="<key>" to clear it.
//
// A draft belongs to the login that typed it: the page's <body data-drafts-owner> is an opaque value per login, and a
// draft is stored under it. A page for someone else removes every draft that is not theirs, a page for nobody keeps none,
// and the log-out form (data-drafts-clear) removes them all, so the next person on a shared computer sees nothing.
(function () {
    const prefix = "cogov-draft:";
    const timers = new WeakMap();

    function owner() {
        return document.body ? document.body.getAttribute("data-drafts-owner") : null;
    }

    function draftKeys() {
        const keys = [];
        for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (key !== null && key.startsWith(prefix)) {
                keys.push(key);
            }
        }
        return keys;
    }

    function forgetAllBut(ownPrefix) {
        draftKeys().filter(key => ownPrefix === null || !key.startsWith(ownPrefix)).forEach(key => localStorage.removeItem(key));
    }

    function restoreAndWatch() {
        const who = owner();
        if (!who) {
            return;
        }
        const own = prefix + who + ":";
        forgetAllBut(own);
        document.querySelectorAll("[data-draft-saved]").forEach(marker => {
            localStorage.removeItem(own + marker.getAttribute("data-draft-saved"));
        });
        document.querySelectorAll("textarea[data-draft], input[data-draft]").forEach(field => {
            const key = own + field.getAttribute("data-draft");
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
                    // Whoever is signed in when the timer fires: a log-out in between must not bring the draft back.
                    if (owner() !== who) {
                        return;
                    }
                    if (field.value.trim() === "") {
                        localStorage.removeItem(key);
                    } else {
                        localStorage.setItem(key, field.value);
                    }
                }, 300));
            });
        });
    }

    // Capture: before the form leaves, whatever else listens to it.
    document.addEventListener("submit", event => {
        if (event.target instanceof HTMLFormElement && event.target.hasAttribute("data-drafts-clear")) {
            document.body.removeAttribute("data-drafts-owner");
            forgetAllBut(null);
        }
    }, true);

    document.addEventListener("DOMContentLoaded", restoreAndWatch);
    // Blazor's enhanced navigation swaps pages without a full load.
    if (window.Blazor) {
        window.Blazor.addEventListener("enhancedload", restoreAndWatch);
    } else {
        document.addEventListener("blazor:ready", restoreAndWatch);
        window.addEventListener("load", () => window.Blazor && window.Blazor.addEventListener("enhancedload", restoreAndWatch));
    }
})();
