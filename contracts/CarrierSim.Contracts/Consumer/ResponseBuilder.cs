using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts;

/// <summary>The response half of an interaction.</summary>
public sealed class ResponseBuilder
{
    private readonly PactBuilder _pact;
    private readonly InteractionBuilder _interaction;
    private readonly Dictionary<string, int> _headerIndexes = new(StringComparer.OrdinalIgnoreCase);

    internal ResponseBuilder(PactBuilder pact, InteractionBuilder interaction)
    {
        _pact = pact;
        _interaction = interaction;
    }

    /// <summary>Adds a response header the provider must send.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <param name="value">The value.</param>
    /// <returns>This response.</returns>
    public ResponseBuilder WithHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddHeader(name, value);
    }

    /// <summary>Adds a response header whose value must satisfy a matcher.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <param name="value">The matcher.</param>
    /// <returns>This response.</returns>
    public ResponseBuilder WithHeader(string name, Matcher value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddHeader(name, PactJson.SerializeSlot(value));
    }

    /// <summary>
    /// Sets the JSON response body (serialised with System.Text.Json, property names as written). Literal
    /// values must come back exactly; use <see cref="Match"/> for anything that may vary. The provider may send
    /// extra keys. It also expects <c>Content-Type: application/json</c>.
    /// </summary>
    /// <param name="body">An object, anonymous object, dictionary or array.</param>
    /// <returns>This response.</returns>
    public ResponseBuilder WithJsonBody(object body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _pact.ThrowIfUnusable();
        EngineCall.Check(
            _pact.Engine.WithBody(_interaction.Handle, InteractionPart.Response, "application/json", PactJson.Serialize(body)),
            $"set the response body of '{_interaction.Description}'");
        return this;
    }

    private ResponseBuilder AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _pact.ThrowIfUnusable();
        var index = RequestBuilder.NextIndex(_headerIndexes, name);
        EngineCall.Check(_pact.Engine.WithHeader(_interaction.Handle, InteractionPart.Response, name, index, value), $"add response header '{name}'");
        return this;
    }
}
