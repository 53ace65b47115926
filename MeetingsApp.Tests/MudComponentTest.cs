using Bunit;
using MudBlazor.Services;

namespace MeetingsApp.Tests;

/// <summary>
/// Component tests that need no database: a BunitContext with MudBlazor's services, whose JavaScript calls answer
/// with defaults. For pages over the app's real services and data, see <see cref="BunitTest"/>.
/// </summary>
public abstract class MudComponentTest : IAsyncDisposable
{
    protected BunitContext Ctx { get; } = new();

    protected MudComponentTest()
    {
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
    }

    public ValueTask DisposeAsync() => Ctx.DisposeAsync();
}
