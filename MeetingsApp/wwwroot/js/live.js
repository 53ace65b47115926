// One hub connection per browser tab, shared by every LiveUpdates component on the page. Every name it uses (the hub's
// route, the hub's messages, the component's methods) comes from the server's LiveMethods.Wiring, written once in C#.
// Each component is told only what it listens for (its meeting's changes, or any meeting's, or notifications): every
// call is a message over the page's circuit, and the server's processor is what a change's way to the screen waits on.
const listeners = new Map();
let connection;
let started;

function notify(wanted, method, ...args) {
    listeners.forEach(({ listener, wants }) => wanted(wants) && listener.invokeMethodAsync(method, ...args)
        .catch(() => listeners.forEach((v, k) => v.listener === listener && listeners.delete(k))));
}

function connect(wiring) {
    if (!connection) {
        connection = new signalR.HubConnectionBuilder()
            .withUrl(wiring.route)
            .withAutomaticReconnect()
            .build();
        connection.on(wiring.meetingChanged, change => notify(w => w.meetings && (!w.meetingId || w.meetingId === change.meetingId),
            wiring.meetingChanged, change.meetingId, change.version, change.position));
        connection.on(wiring.notificationsChanged, position => notify(w => w.notifications, wiring.notificationsChanged, position));
        // Anything that happened while the connection was down is caught up by re-reading.
        connection.onreconnected(() => notify(() => true, wiring.catchUp));
        connection.onclose(() => { connection = undefined; started = undefined; });
    }
    if (!started) {
        // Automatic reconnect does not cover a failed first start: forget it, so the next subscriber tries again.
        started = connection.start().catch(error => { connection = undefined; started = undefined; throw error; });
    }
    return started;
}

// wants: { meetingId (null: every meeting), meetings, notifications }.
export async function subscribe(id, listener, wiring, wants) {
    listeners.set(id, { listener, wants });
    await connect(wiring);
    // The page was read before this subscription existed: catch up on whatever happened in between.
    if (listeners.has(id)) await listener.invokeMethodAsync(wiring.catchUp);
}

export function unsubscribe(id) {
    listeners.delete(id);
}
