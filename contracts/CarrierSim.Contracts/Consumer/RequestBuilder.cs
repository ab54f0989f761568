using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts;

/// <summary>The request half of an interaction.</summary>
public sealed class RequestBuilder
{
    private readonly PactBuilder _pact;
    private readonly InteractionBuilder _interaction;
    private readonly Dictionary<string, int> _queryIndexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _headerIndexes = new(StringComparer.OrdinalIgnoreCase);

    internal RequestBuilder(PactBuilder pact, InteractionBuilder interaction)
    {
        _pact = pact;
        _interaction = interaction;
    }

    /// <summary>Adds a query parameter; adding the same name again adds another value, in order.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value as sent (the mock server form-decodes query strings: send '+' as %2B).</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithQuery(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddQuery(name, value);
    }

    /// <summary>Adds a query parameter whose value must satisfy a matcher.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The matcher; its example is what the mock server expects.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithQuery(string name, Matcher value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddQuery(name, PactJson.SerializeSlot(value));
    }

    /// <summary>Adds a request header; adding the same name again adds another value.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <param name="value">The value.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddHeader(name, value);
    }

    /// <summary>Adds a request header whose value must satisfy a matcher.</summary>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <param name="value">The matcher.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithHeader(string name, Matcher value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddHeader(name, PactJson.SerializeSlot(value));
    }

    /// <summary>
    /// Sets a JSON request body (serialised with System.Text.Json, property names as written; matchers allowed).
    /// It also expects <c>Content-Type: application/json</c>. The provider must not be sent extra keys.
    /// </summary>
    /// <param name="body">An object, anonymous object, dictionary or array.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithJsonBody(object body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _pact.ThrowIfUnusable();
        EngineCall.Check(
            _pact.Engine.WithBody(_interaction.Handle, InteractionPart.Request, "application/json", PactJson.Serialize(body)),
            $"set the request body of '{_interaction.Description}'");
        return this;
    }

    /// <summary>
    /// Sets a request body of another media type, as the engine takes it, and expects that <c>Content-Type</c>.
    /// For XML (<c>application/xml</c>) the body is either the document itself (matched exactly) or Pact's
    /// XML-with-matchers JSON form (<c>{"version", "charset", "root": {"name", "attributes", "children"}}</c>,
    /// text nodes <c>{"content", "matcher"}</c>, repeated elements as a <c>type</c> matcher with <c>min</c> and
    /// <c>examples</c>), from which the engine writes the example document and the matching rules.
    /// </summary>
    /// <param name="contentType">The media type, e.g. <c>application/xml</c>.</param>
    /// <param name="body">The body text in the form described above.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithBody(string contentType, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(body);
        _pact.ThrowIfUnusable();
        EngineCall.Check(
            _pact.Engine.WithBody(_interaction.Handle, InteractionPart.Request, contentType, body),
            $"set the request body of '{_interaction.Description}'");
        return this;
    }

    /// <summary>
    /// Sets an <c>application/x-www-form-urlencoded</c> request body: the fields in order, each name and value
    /// percent-encoded as HTML forms encode them (a space as '+'). It also expects that <c>Content-Type</c>.
    /// </summary>
    /// <param name="fields">The form fields, as sent.</param>
    /// <returns>This request.</returns>
    public RequestBuilder WithFormBody(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _pact.ThrowIfUnusable();
        EngineCall.Check(
            _pact.Engine.WithBody(_interaction.Handle, InteractionPart.Request, "application/x-www-form-urlencoded", FormEncode(fields)),
            $"set the request body of '{_interaction.Description}'");
        return this;
    }

    /// <summary>The form encoding <see cref="System.Net.Http.FormUrlEncodedContent"/> writes, so a client using it sends exactly this body.</summary>
    /// <param name="fields">The form fields.</param>
    /// <returns>The encoded body.</returns>
    public static string FormEncode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
        return string.Join("&", fields.Select(f => Encode(f.Key) + "=" + Encode(f.Value)));
    }

    /// <summary>Sets the response status and moves on to the response.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <returns>The response, to add headers and a body to.</returns>
    public ResponseBuilder WillRespondWith(int status)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        _pact.ThrowIfUnusable();
        EngineCall.Check(_pact.Engine.ResponseStatus(_interaction.Handle, (ushort)status), $"set the response status of '{_interaction.Description}'");
        return new ResponseBuilder(_pact, _interaction);
    }

    private RequestBuilder AddQuery(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pact.ThrowIfUnusable();
        var index = NextIndex(_queryIndexes, name);
        EngineCall.Check(_pact.Engine.WithQueryParameter(_interaction.Handle, name, index, value), $"add query parameter '{name}'");
        return this;
    }

    private RequestBuilder AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _pact.ThrowIfUnusable();
        var index = NextIndex(_headerIndexes, name);
        EngineCall.Check(_pact.Engine.WithHeader(_interaction.Handle, InteractionPart.Request, name, index, value), $"add request header '{name}'");
        return this;
    }

    internal static int NextIndex(Dictionary<string, int> indexes, string name)
    {
        indexes.TryGetValue(name, out var index);
        indexes[name] = index + 1;
        return index;
    }
}
