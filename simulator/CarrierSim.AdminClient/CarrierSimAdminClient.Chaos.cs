using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Lists the chaos rules in force, with how often each was injected (<c>GET /__admin/chaos/rules</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The rules, in the order they were added.</returns>
    public Task<IReadOnlyList<ChaosRule>> ListChaosRulesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ChaosRule>>("__admin/chaos/rules", cancellationToken);

    /// <summary>Reads one chaos rule (<c>GET /__admin/chaos/rules/{name}</c>).</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The rule, with <see cref="ChaosRule.Injected"/> filled in.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such rule.</exception>
    public Task<ChaosRule> GetChaosRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return GetAsync<ChaosRule>("__admin/chaos/rules/" + Segment(name), cancellationToken);
    }

    /// <summary>
    /// Adds a chaos rule, or replaces the rule of the same name (<c>POST /__admin/chaos/rules</c>):
    /// a <see cref="RaceRule"/>, <see cref="OutcomeRule"/>… <see cref="ChaosRule.Injected"/> is not sent.
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The rule as the server stored it.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the rule is invalid or its kind cannot apply to its target; the message says how to fix it.</exception>
    public Task<ChaosRule> PutChaosRuleAsync(ChaosRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return SendAsync<ChaosRule>(HttpMethod.Post, "__admin/chaos/rules", Json(rule with { Injected = null }), cancellationToken);
    }

    /// <summary>
    /// Changes some fields of a rule (<c>PATCH /__admin/chaos/rules/{name}</c>): the given
    /// camelCase fields replace the rule's; a rule's name cannot change.
    /// </summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="changes">The fields to change, e.g. <c>{"injectionRate": 0.5}</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated rule.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such rule; 400 when the result is not a valid rule.</exception>
    public Task<ChaosRule> UpdateChaosRuleAsync(string name, JsonObject changes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(changes);
        var content = new StringContent(changes.ToJsonString(), Encoding.UTF8, "application/json");
        return SendAsync<ChaosRule>(HttpMethod.Patch, "__admin/chaos/rules/" + Segment(name), content, cancellationToken);
    }

    /// <summary>Turns a rule on or off without removing it.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="enabled">Whether the rule should inject.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated rule.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such rule.</exception>
    public Task<ChaosRule> SetChaosRuleEnabledAsync(string name, bool enabled, CancellationToken cancellationToken = default) =>
        UpdateChaosRuleAsync(name, new JsonObject { ["enabled"] = enabled }, cancellationToken);

    /// <summary>Removes a rule (<c>DELETE /__admin/chaos/rules/{name}</c>).</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the rule is gone.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such rule.</exception>
    public Task DeleteChaosRuleAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SendAsync(HttpMethod.Delete, "__admin/chaos/rules/" + Segment(name), null, cancellationToken);
    }

    /// <summary>Removes every chaos rule (<c>DELETE /__admin/chaos/rules</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when no rule is left.</returns>
    public Task ClearChaosRulesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/chaos/rules", null, cancellationToken);

    /// <summary>Lists recorded injections, newest last (<c>GET /__admin/chaos/injections</c>).</summary>
    /// <param name="rule">Only injections of this rule.</param>
    /// <param name="dialect">Only injections into requests to this dialect.</param>
    /// <param name="limit">At most this many of the newest (1–1000; the server's default is 100).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The injections.</returns>
    public Task<IReadOnlyList<ChaosInjection>> ListInjectionsAsync(string? rule = null, string? dialect = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ChaosInjection>>(
            "__admin/chaos/injections" + Query(("rule", rule), ("dialect", dialect), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            cancellationToken);

    /// <summary>Forgets every recorded injection (<c>DELETE /__admin/chaos/injections</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the record is empty.</returns>
    public Task ClearInjectionsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "__admin/chaos/injections", null, cancellationToken);

    /// <summary>Lists the built-in scenarios and the one applied last (<c>GET /__admin/scenarios</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The scenario catalog.</returns>
    public Task<ScenarioCatalog> ListScenariosAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ScenarioCatalog>("__admin/scenarios", cancellationToken);

    /// <summary>
    /// Applies a built-in scenario, replacing every rule (<c>POST /__admin/scenarios/{name}/apply</c>).
    /// </summary>
    /// <param name="name">A built-in scenario, e.g. <c>contested-inventory</c>, <c>slow-carrier</c>, <c>partial-fills</c>, <c>outage</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The applied scenario.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such built-in scenario; the message lists them.</exception>
    public Task<ChaosScenario> ApplyScenarioAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return SendAsync<ChaosScenario>(HttpMethod.Post, "__admin/scenarios/" + Segment(name) + "/apply", null, cancellationToken);
    }

    /// <summary>Applies a scenario of your own, replacing every rule (<c>POST /__admin/scenarios</c>).</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The applied scenario.</returns>
    /// <exception cref="CarrierSimAdminException">400 when a rule is invalid; the message says which.</exception>
    public Task<ChaosScenario> ApplyCustomScenarioAsync(ChaosScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sent = scenario with { Rules = [.. scenario.Rules.Select(r => r with { Injected = null })] };
        return SendAsync<ChaosScenario>(HttpMethod.Post, "__admin/scenarios", Json(sent), cancellationToken);
    }

    /// <summary>Applies a scenario document, JSON or YAML, replacing every rule (<c>POST /__admin/scenarios</c>).</summary>
    /// <param name="document">The scenario, as a scenario file holds it.</param>
    /// <param name="format">Whether <paramref name="document"/> is JSON or YAML.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The applied scenario.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the document is invalid; the message says why.</exception>
    public Task<ChaosScenario> ApplyCustomScenarioAsync(string document, ScenarioFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var content = new StringContent(document, Encoding.UTF8, format == ScenarioFormat.Yaml ? "application/yaml" : "application/json");
        return SendAsync<ChaosScenario>(HttpMethod.Post, "__admin/scenarios", content, cancellationToken);
    }
}
