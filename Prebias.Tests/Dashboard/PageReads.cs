using Microsoft.Playwright;

namespace Prebias.Tests.Dashboard;

/// <summary>Short reads of the page for the dashboard tests: Plotly charts by element id, counts, waits.</summary>
public static class PageReads
{
    /// <summary>The number of traces of the Plotly chart with this element id.</summary>
    public static Task<int> TraceCountAsync(this IPage page, string id) =>
        page.EvaluateAsync<int>($"() => document.getElementById('{id}').data.length");

    /// <summary>Evaluates <paramref name="expression"/> with <c>c</c> bound to the element with this id.</summary>
    public static Task<T> ChartAsync<T>(this IPage page, string id, string expression) =>
        page.EvaluateAsync<T>($"() => (c => {expression})(document.getElementById('{id}'))");

    /// <summary>Waits until the JavaScript <paramref name="condition"/> holds.</summary>
    public static Task WaitUntilAsync(this IPage page, string condition) => page.WaitForFunctionAsync($"() => {condition}");

    /// <summary>Waits until exactly <paramref name="count"/> elements match <paramref name="selector"/>.</summary>
    public static Task WaitForCountAsync(this IPage page, string selector, int count) =>
        page.WaitForFunctionAsync($"() => document.querySelectorAll(\"{selector}\").length === {count}");

    /// <summary>The inner texts of every element matching <paramref name="selector"/>.</summary>
    public static Task<IReadOnlyList<string>> TextsAsync(this IPage page, string selector) =>
        page.Locator(selector).AllInnerTextsAsync();
}
