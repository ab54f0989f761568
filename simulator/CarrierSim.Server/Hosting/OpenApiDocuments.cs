using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CarrierSim.Server.Dialects;
using CarrierSim.Server.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CarrierSim.Server.Hosting;

/// <summary>
/// One OpenAPI 3.1 document per dialect (<c>GET /{dialect}/openapi.json</c>, anonymous) and one for
/// the control plane (<c>/__admin/openapi.json</c>), generated from the endpoints' metadata: the
/// operation ids, the vendor's query parameter names, request and response schemas in the vendor's
/// field names, every error in the vendor's envelope, and the vendor's credentials as security schemes.
/// </summary>
internal static class OpenApiDocuments
{
    public const string AdminDocument = "admin";

    /// <summary>Responses every dialect endpoint can give, in the vendor's error envelope.</summary>
    private static readonly (int Status, string Description)[] Errors =
    [
        (400, "The request is malformed or invalid; the message says how to fix it."),
        (401, "The credentials are missing or malformed."),
        (403, "The key lacks a scope or permission, or the account is not accessible."),
        (404, "No such resource for this tenant."),
        (413, "The request body is larger than 64 KiB."),
        (415, "The request's Content-Type is not one the endpoint accepts."),
        (429, "Too many requests (chaos): retry after the Retry-After delay."),
        (500, "An unexpected failure."),
        (503, "The carrier is unavailable (chaos): retry later."),
    ];

    public static IServiceCollection AddCarrierSimOpenApi(this IServiceCollection services)
    {
        foreach (var registration in DialectRegistry.All)
        {
            var id = registration.Id;
            services.AddOpenApi(id, options =>
            {
                options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
                options.ShouldInclude = description => description.GroupName == id;
                options.AddDocumentTransformer((document, context, _) => DescribeDialect(document, Dialect(context.ApplicationServices, id), registration));
                options.AddSchemaTransformer((schema, context, _) => RenameProperties(schema, context, Dialect(context.ApplicationServices, id).Json));
                options.AddOperationTransformer((operation, context, token) => DescribeOperation(operation, context, Dialect(context.ApplicationServices, id), token));
            });
        }

        services.AddOpenApi(AdminDocument, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description => description.GroupName == AdminDocument;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CarrierSim control plane",
                    Version = Admin.AdminEndpoints.Version,
                    Description = "The simulator's admin API under /__admin: health, info, reset, clock, chaos rules and scenarios, accounts, inventory, orders, journal, provider states and callbacks.",
                };
                document.Servers = [new OpenApiServer { Url = "/" }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, token) => DescribeBody(operation, context, token));
        });
        return services;
    }

    /// <summary>Serves a dialect's document inside its group (so it wins over the group's catch-all), with no credentials.</summary>
    public static void MapDialectDocument(RouteGroupBuilder group, string dialect) =>
        group.MapGet("/openapi.json", (HttpContext context) => WriteAsync(context, dialect))
            .WithMetadata(new AnonymousDialectEndpoint())
            .WithName(dialect + ".openApi")
            .ExcludeFromDescription();

    public static void MapAdminDocument(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/__admin/openapi.json", (HttpContext context) => WriteAsync(context, AdminDocument))
            .WithName("admin.openApi")
            .ExcludeFromDescription();

    private static async Task WriteAsync(HttpContext context, string name)
    {
        var provider = context.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(name);
        var document = await provider.GetOpenApiDocumentAsync(context.RequestAborted);
        // The writer is synchronous: render to text first, then write the response asynchronously.
        var text = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, context.RequestAborted);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static IDialect Dialect(IServiceProvider services, string id) =>
        services.GetServices<IDialect>().First(d => d.Name == id);

    private static Task DescribeDialect(OpenApiDocument document, IDialect dialect, DialectRegistration registration)
    {
        document.Info = new OpenApiInfo
        {
            Title = $"{dialect.Title} (emulated by CarrierSim)",
            Version = Admin.AdminEndpoints.Version,
            Description = $"The {dialect.Title} endpoints CarrierSim emulates, in the vendor's own names and shapes. Any other path under /{dialect.Name} answers the vendor's 404.",
        };
        document.Servers = [new OpenApiServer { Url = "/" + dialect.Name }];

        // Paths as the vendor writes them (/v1/…), under the dialect's mount point as the server URL.
        var prefix = "/" + dialect.Name;
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths[path.StartsWith(prefix + "/", StringComparison.Ordinal) ? path[prefix.Length..] : path] = item;
        }

        document.Paths = paths;

        // The vendor's credentials, derived from the example headers the dialect declares.
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        var requirement = new OpenApiSecurityRequirement();
        foreach (var (header, example) in registration.Credentials(null, null))
        {
            var scheme = header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = example.Split(' ')[0].ToLowerInvariant(), Description = $"e.g. {header}: {example}" }
                : new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = header, Description = $"e.g. {header}: {example}" };
            document.Components.SecuritySchemes[header] = scheme;
            requirement[new OpenApiSecuritySchemeReference(header, document)] = [];
        }

        document.Security = [requirement];
        return Task.CompletedTask;
    }

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, IDialect dialect, CancellationToken token)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<DialectOperation>().FirstOrDefault() is { } declared)
        {
            operation.OperationId = declared.Id;
            operation.Tags = new HashSet<OpenApiTagReference> { new(declared.Kind.ToString().ToLowerInvariant(), context.Document) };
        }

        await DescribeBody(operation, context, token);

        foreach (var query in metadata.OfType<QueryParameter>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Required = query.Required,
                Schema = new OpenApiSchema { Type = query.Type switch { "integer" => JsonSchemaType.Integer, "boolean" => JsonSchemaType.Boolean, _ => JsonSchemaType.String } },
            });
        }

        var error = await context.GetOrCreateSchemaAsync(dialect.ErrorEnvelope, null, token);
        operation.Responses ??= [];
        foreach (var (status, description) in Errors)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType> { [dialect.ErrorContentType] = new() { Schema = error } },
                };
            }
        }
    }

    // The dialects' options get their resolver on first use; a copy with the reflection resolver answers for any type at once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Reflective = new();

    /// <summary>The request body an endpoint declares with <c>Reads&lt;T&gt;</c>, and its operation id from the endpoint name.</summary>
    private static async Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken token)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        if (metadata.OfType<DialectBody>().FirstOrDefault() is { } body)
        {
            var schema = await context.GetOrCreateSchemaAsync(body.Type, null, token);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        }
    }

    /// <summary>
    /// Schemas are generated with the host's default JSON names; rename each property to the name the
    /// dialect's own serializer writes (snake_case, or a vendor's explicit name), and keep required in step.
    /// </summary>
    private static Task RenameProperties(OpenApiSchema schema, OpenApiSchemaTransformerContext context, JsonSerializerOptions dialectJson)
    {
        var info = context.JsonTypeInfo;
        if (schema.Properties is not { Count: > 0 } properties || info.Kind != JsonTypeInfoKind.Object)
        {
            return Task.CompletedTask;
        }

        JsonTypeInfo vendor;
        try
        {
            vendor = Reflective.GetValue(dialectJson, o => new JsonSerializerOptions(o) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() }).GetTypeInfo(info.Type);
        }
        catch (NotSupportedException)
        {
            return Task.CompletedTask;
        }

        var vendorNames = vendor.Properties.Where(p => p.AttributeProvider is MemberInfo)
            .ToDictionary(p => ((MemberInfo)p.AttributeProvider!).Name, p => p.Name, StringComparer.Ordinal);
        var renamed = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in info.Properties)
        {
            var member = (property.AttributeProvider as MemberInfo)?.Name;
            var name = member is not null && vendorNames.TryGetValue(member, out var vendorName) ? vendorName : property.Name;
            names[property.Name] = name;
        }

        foreach (var (name, value) in properties)
        {
            renamed[names.GetValueOrDefault(name, name)] = value;
        }

        schema.Properties = renamed;
        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = new HashSet<string>(required.Select(r => names.GetValueOrDefault(r, r)), StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}
