// One hub connection per browser tab, shared by every LiveUpdates component on the page.
const listeners = new Map();
let nextId = 1;
let connection;
let started;

function connect() {
    if (!connection) {
        connection = new signalR.HubConnectionBuilder()
            .withUrl("/hubs/meetings")
            .withAutomaticReconnect()
            .build();
        connection.on("MeetingChanged", change =>
            listeners.forEach(l => l.invokeMethodAsync("MeetingChanged", change.meetingId, change.version, change.position)));
        connection.on("NotificationsChanged", position =>
            listeners.forEach(l => l.invokeMethodAsync("NotificationsChanged", position)));
        // Anything that happened while the connection was down is caught up by re-reading.
        connection.onreconnected(() => listeners.forEach(l => l.invokeMethodAsync("CatchUp")));
        started = connection.start();
    }
    return started;
}

export async function subscribe(listener) {
    const id = nextId++;
    listeners.set(id, listener);
    await connect();
    // The page was read before this subscription existed: catch up on whatever happened in between.
    await listener.invokeMethodAsync("CatchUp");
    return id;
}

export function unsubscribe(id) {
    listeners.delete(id);
}
