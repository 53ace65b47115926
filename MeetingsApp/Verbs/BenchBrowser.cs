using MeetingsApp.Data;
using MeetingsApp.Demo;
using MeetingsApp.EventStore;
using MeetingsApp.EventStore.Subscriptions;

namespace MeetingsApp.Verbs;

/// <summary>
/// <c>bench --browser</c>: the app hosted here and headless Chromium (<see cref="DevTools"/>). Tab to tab: Alice answers
/// Bob's "Design review" in her tab, alternately Accept and Decline, and each sample is the time from her click until
/// the counts in Bob's open tab say so: first with each click on a settled app, as a person's click meets it (every
/// subscriber has applied the change before, the e-mail and "as of" side included), then back to back (the next click as
/// soon as both tabs show the last change: the one before may still be on its way through the background subscribers,
/// some 40 changes a second from two tabs). Then memory per open tab: what the server holds for each of many tabs on
/// <c>/meetings</c> (a Blazor circuit plus the page's hub connection).
/// </summary>
internal static class BenchBrowser
{
    /// <summary>The page's own clock, on the time line every tab of the browser shares (milliseconds since 1970, fractional).</summary>
    private const string Now = "performance.timeOrigin + performance.now()";

    private const string Interactive = """
        new Promise(resolve => { const ready = () => document.querySelector('[data-interactive=true]') ? resolve(true) : setTimeout(ready, 10); ready(); })
        """;

    public static async Task AddRowsAsync(List<(string Name, string Value)> rows, BenchDatabase database, int changes, int tabs, string[] args)
    {
        var (chromium, why) = ChromiumLocator.Find();
        if (chromium is null)
        {
            Console.WriteLine($"bench --browser skipped: {why} Install it with `apt-get install chromium`.");
            rows.Add(("tab to tab in Chromium", "skipped"));
            return;
        }
        await using var app = await BenchApp.StartAsync(database, "browser");
        await using var browser = await DevTools.LaunchAsync(chromium);

        var (settled, backToBack, offset, uncertainty, warmUp) = await TabToTabAsync(app, browser, changes, args);
        rows.Add(($"click in one tab -> DOM of another tab, {changes} changes, p50 ms", $"{settled.P50:F1}"));
        rows.Add(($"click in one tab -> DOM of another tab, {changes} changes, p99 ms", $"{settled.P99:F1}"));
        rows.Add(($"  {changes} changes back to back, p50 / p99 ms", $"{backToBack.P50:F1} / {backToBack.P99:F1}"));
        rows.Add(("  the two tabs' clocks: offset measured / uncertainty ms", $"{offset:F2} / {uncertainty:F2}"));
        rows.Add(("  warm-up", warmUp));

        var (workingSet, heap, pinned) = await MemoryPerTabAsync(app, browser, tabs);
        rows.Add(($"server memory per open tab on /meetings ({tabs} tabs): resident KiB", $"{workingSet:F0}"));
        rows.Add(("  managed heap after full GC KiB (pinned part)", $"{heap:F0} ({pinned:F0})"));
    }

    private static async Task<((double P50, double P99) Settled, (double P50, double P99) BackToBack, double Offset, double Uncertainty, string WarmUp)>
        TabToTabAsync(BenchApp app, DevTools browser, int changes, string[] args)
    {
        var (subscribers, signal) = (app.Get<SubscriptionHost<AppDbContext>>(), app.Get<AppendSignal>());
        var review = new Uri(app.Address, $"meetings/{DemoData.Id("meeting:design-review")}");
        var alice = await browser.OpenAsync(await browser.NewProfileAsync(app.Address, await app.SignInAsync("alice")), review);
        var bob = await browser.OpenAsync(await browser.NewProfileAsync(app.Address, await app.SignInAsync("bob")), review);
        await alice.EvaluateAsync(Interactive);
        await bob.EvaluateAsync(Interactive);
        var (offset, uncertainty) = await ClockOffsetAsync(alice, bob);

        var accept = false;
        async Task<double> ChangeAsync()
        {
            // Alice is invited with Carol (pending) and Erin (accepted): her answer moves the counts either way.
            var (button, counts) = (accept = !accept) ? ("Accept", "2 accepted · 0 maybe · 0 declined · 1 pending") : ("Decline", "1 accepted · 0 maybe · 1 declined · 1 pending");
            await bob.EvaluateAsync($"window.benchShown = {Shown(counts)}; true"); // set up, not awaited: the last statement is the value
            await alice.EvaluateAsync($$"""
                new Promise(resolve => { const enabled = () => { const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === '{{button}}');
                  b && !b.disabled ? resolve() : setTimeout(enabled, 2); }; enabled(); })
                """);
            var clicked = (await alice.EvaluateAsync($$"""
                (() => { const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === '{{button}}'); const at = {{Now}}; b.click(); return at; })()
                """)).GetDouble();
            var shown = (await bob.EvaluateAsync("window.benchShown")).GetDouble();
            await alice.EvaluateAsync(Shown(counts)); // her own page settled before the next click
            return shown - offset - clicked;
        }
        var warmUp = await BenchWarmUp.RunAsync(args, ChangeAsync); // the first round also waits for Bob's hub connection
        async Task<(double P50, double P99)> TimeAsync(bool settle)
        {
            var timings = new List<double>();
            for (var i = 0; i < changes; i++)
            {
                if (settle) await subscribers.WaitForAsync(signal.Head, TimeSpan.FromSeconds(10));
                timings.Add(await ChangeAsync());
            }
            timings.Sort();
            return (timings[timings.Count / 2], timings[(int)Math.Ceiling(timings.Count * 0.99) - 1]);
        }
        var settled = await TimeAsync(settle: true);
        var backToBack = await TimeAsync(settle: false);
        await alice.CloseAsync();
        await bob.CloseAsync();
        return (settled, backToBack, offset, uncertainty, warmUp);
    }

    /// <summary>
    /// A promise of the moment the page's response counts read <paramref name="counts"/>: a mutation observer's callback
    /// runs right after the change is in the DOM (before the page paints it). Times out after 10 s.
    /// </summary>
    private static string Shown(string counts) => $$"""
        new Promise((resolve, reject) => {
          const text = () => (document.querySelector('[data-testid=response-counts]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
          const check = () => { if (text() === '{{counts}}') { observer.disconnect(); resolve({{Now}}); } };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          setTimeout(() => { observer.disconnect(); reject(new Error('Still "' + text() + '" after 10 s')); }, 10000);
          check(); })
        """;

    /// <summary>
    /// How far tab B's clock is ahead of tab A's: read A, B, A in a row; B's reading belongs between the two of A's.
    /// Of twenty tries the one with the shortest A-to-A span counts; half that span bounds the error.
    /// </summary>
    private static async Task<(double Offset, double Uncertainty)> ClockOffsetAsync(DevTools.Tab a, DevTools.Tab b)
    {
        var best = (Offset: 0.0, Uncertainty: double.MaxValue);
        for (var i = 0; i < 20; i++)
        {
            var a1 = (await a.EvaluateAsync(Now)).GetDouble();
            var bNow = (await b.EvaluateAsync(Now)).GetDouble();
            var a2 = (await a.EvaluateAsync(Now)).GetDouble();
            if ((a2 - a1) / 2 < best.Uncertainty) best = (bNow - (a1 + a2) / 2, (a2 - a1) / 2);
        }
        return best;
    }

    /// <summary>
    /// Opens <paramref name="tabs"/> tabs of Alice's on /meetings, each waited for until its circuit is interactive and
    /// its page has negotiated the hub, and returns what the server holds for each, in KiB.
    /// </summary>
    private static async Task<(double WorkingSet, double Heap, double Pinned)> MemoryPerTabAsync(BenchApp app, DevTools browser, int tabs)
    {
        var profile = await browser.NewProfileAsync(app.Address, await app.SignInAsync("alice"));
        var meetings = new Uri(app.Address, "meetings");
        var first = await OpenLiveAsync(browser, profile, meetings); // the page's first use, before the baseline
        var before = ProcessMemory.AfterFullCollection();
        var open = new List<DevTools.Tab>();
        for (var i = 0; i < tabs; i += 8) // a few at a time: two cores serve Chromium and the server both
            open.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(8, tabs - i)).Select(_ => OpenLiveAsync(browser, profile, meetings))));
        await Task.Delay(1_000); // the last hub connections' handshakes
        var after = ProcessMemory.AfterFullCollection();
        foreach (var tab in open.Append(first)) await tab.CloseAsync();
        return after.PerItemSince(before, tabs);
    }

    private static async Task<DevTools.Tab> OpenLiveAsync(DevTools browser, string profile, Uri url)
    {
        var tab = await browser.OpenAsync(profile, url);
        await tab.EvaluateAsync(Interactive);
        await tab.EvaluateAsync("""
            new Promise(resolve => { const hub = () => performance.getEntriesByType('resource').some(e => e.name.includes('/hubs/meetings/negotiate')) ? resolve() : setTimeout(hub, 10); hub(); })
            """);
        return tab;
    }
}
