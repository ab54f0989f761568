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

    /// <summary>
    /// Sets a response body of another media type, as the engine takes it, and expects that <c>Content-Type</c>.
    /// For XML (<c>application/xml</c>) the body is either the document itself (matched exactly) or Pact's
    /// XML-with-matchers JSON form (<c>{"version", "charset", "root": {"name", "attributes", "children"}}</c>,
    /// text nodes <c>{"content", "matcher"}</c>, repeated elements as a <c>type</c> matcher with <c>min</c> and
    /// <c>examples</c>), from which the engine writes the example document and the matching rules.
    /// </summary>
    /// <param name="contentType">The media type, e.g. <c>application/xml</c>.</param>
    /// <param name="body">The body text in the form described above.</param>
    /// <returns>This response.</returns>
    public ResponseBuilder WithBody(string contentType, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(body);
        _pact.ThrowIfUnusable();
        EngineCall.Check(
            _pact.Engine.WithBody(_interaction.Handle, InteractionPart.Response, contentType, body),
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
