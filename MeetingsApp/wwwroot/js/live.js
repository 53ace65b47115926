// One hub connection per browser tab, shared by every LiveUpdates component on the page. Every name it uses (the hub's
// route, the hub's messages, the component's methods) comes from the server's LiveMethods.Wiring, written once in C#.
const listeners = new Map();
let connection;
let started;

function notifyAll(method, ...args) {
    listeners.forEach(l => l.invokeMethodAsync(method, ...args).catch(() => listeners.forEach((v, k) => v === l && listeners.delete(k))));
}

function connect(wiring) {
    if (!connection) {
        connection = new signalR.HubConnectionBuilder()
            .withUrl(wiring.route)
            .withAutomaticReconnect()
            .build();
        connection.on(wiring.meetingChanged, change => notifyAll(wiring.meetingChanged, change.meetingId, change.version, change.position));
        connection.on(wiring.notificationsChanged, position => notifyAll(wiring.notificationsChanged, position));
        // Anything that happened while the connection was down is caught up by re-reading.
        connection.onreconnected(() => notifyAll(wiring.catchUp));
        connection.onclose(() => { connection = undefined; started = undefined; });
    }
    if (!started) {
        // Automatic reconnect does not cover a failed first start: forget it, so the next subscriber tries again.
        started = connection.start().catch(error => { connection = undefined; started = undefined; throw error; });
    }
    return started;
}

export async function subscribe(id, listener, wiring) {
    listeners.set(id, listener);
    await connect(wiring);
    // The page was read before this subscription existed: catch up on whatever happened in between.
    if (listeners.has(id)) await listener.invokeMethodAsync(wiring.catchUp);
}

export function unsubscribe(id) {
    listeners.delete(id);
}
