using Microsoft.JSInterop;

namespace MeetingsApp.Components;

/// <summary>
/// The part of a closed tab that <see cref="ClosedTabGuard"/> cannot cancel: a navigation whose call to the browser
/// was already on its way when the tab closed. Blazor fails that call with a <see cref="JSDisconnectedException"/>
/// and reports it as "Navigation failed" and "Unhandled exception in circuit", at error level, though nothing is
/// wrong and nobody is left to tell. For those two loggers only, that exception is logged at debug level instead.
/// </summary>
internal sealed class ClosedTabLogging(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly HashSet<string> CircuitCategories =
    [
        "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteNavigationManager",
    ];

    public static IServiceCollection AddClosedTabLogging(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(sp => new ClosedTabLogging(ActivatorUtilities.CreateInstance<LoggerFactory>(sp)));

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return CircuitCategories.Contains(categoryName) ? new Quiet(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class Quiet(ILogger logger) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is JSDisconnectedException && logLevel > LogLevel.Debug) logLevel = LogLevel.Debug;
            if (logger.IsEnabled(logLevel)) logger.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
