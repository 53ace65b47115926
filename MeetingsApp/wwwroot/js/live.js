// One hub connection per browser tab, shared by every LiveUpdates component on the page.
const listeners = new Map();
let connection;
let started;

function notifyAll(method, ...args) {
    listeners.forEach(l => l.invokeMethodAsync(method, ...args).catch(() => listeners.forEach((v, k) => v === l && listeners.delete(k))));
}

function connect() {
    if (!connection) {
        connection = new signalR.HubConnectionBuilder()
            .withUrl("/hubs/meetings")
            .withAutomaticReconnect()
            .build();
        connection.on("MeetingChanged", change => notifyAll("MeetingChanged", change.meetingId, change.version, change.position));
        connection.on("NotificationsChanged", position => notifyAll("NotificationsChanged", position));
        // Anything that happened while the connection was down is caught up by re-reading.
        connection.onreconnected(() => notifyAll("CatchUp"));
        connection.onclose(() => { connection = undefined; started = undefined; });
    }
    if (!started) {
        // Automatic reconnect does not cover a failed first start: forget it, so the next subscriber tries again.
        started = connection.start().catch(error => { connection = undefined; started = undefined; throw error; });
    }
    return started;
}

export async function subscribe(id, listener) {
    listeners.set(id, listener);
    await connect();
    // The page was read before this subscription existed: catch up on whatever happened in between.
    if (listeners.has(id)) await listener.invokeMethodAsync("CatchUp");
}

export function unsubscribe(id) {
    listeners.delete(id);
}
