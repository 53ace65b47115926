using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MeetingsApp.Tests.EndToEnd.Accessibility;

/// <summary>
/// axe-core (the copy embedded in Deque.AxeCore.Playwright, so no network) injected into a page, with the WCAG 2.0 and
/// 2.1 level A and AA rules. Only serious and critical findings count: the others are advice, not barriers.
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>One line per element that breaks a rule: the rule, the page, the element and what is wrong with it.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        // Colours are measured as shown: a popover still fading in would look paler than it is.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)");
        var result = await page.RunAxe(Options);
        return
        [
            .. from rule in result.Violations
            where rule.Impact is "serious" or "critical"
            from node in rule.Nodes
            select $"{rule.Id} ({rule.Impact}: {rule.Help}) on {where} at {node.Target}: {node.Html}\n    {Why(node)}",
        ];
    }

    private static string Why(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(check => check.Message).Distinct());
}
