using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using CarrierSim.Postgres;
using CarrierSim.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CarrierSim.Testcontainers.Tests;

/// <summary>
/// deploy/compose cannot be started here (its images come from a registry), so it is read and held
/// against the code: the simulator's options and store parser, the PostgreSQL service, the proxy.
/// </summary>
public sealed partial class ComposeExampleTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "deploy", "compose");

    [Fact]
    public void EveryCarrierSimVariableNamesARealOption()
    {
        foreach (var (service, environment) in Simulators())
        {
            foreach (var key in environment.Keys)
            {
                Assert.True(NamesAnOption(key["CarrierSim__".Length..].Split("__"), typeof(CarrierSimOptions)), $"{service}: {key} names no CarrierSimOptions property");
            }
        }
    }

    [Fact]
    public void TheSimulatorsStartWithTheseSettings()
    {
        foreach (var (service, environment) in Simulators())
        {
            var options = Bind(environment);
            var problems = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

            Assert.True(problems.Count == 0, $"{service}: {string.Join(" ", problems)}");
            Assert.Equal("0.0.0.0", options.BindAddress);
            Assert.NotNull(options.AdminToken); // bound beyond loopback, the simulator refuses to start without one
            Assert.True(options.StoreIsPostgres, $"{service}: the store is not PostgreSQL");
        }
    }

    [Fact]
    public void EveryReplicaSharesOneSeedAndOneStore()
    {
        var simulators = Simulators();

        Assert.True(simulators.Count >= 2, $"the example runs {simulators.Count} replica(s)");
        var first = simulators.Values.First();
        foreach (var (service, environment) in simulators)
        {
            Assert.Equal(first.GetValueOrDefault("CarrierSim__Seed"), environment.GetValueOrDefault("CarrierSim__Seed"));
            Assert.Equal(first["CarrierSim__Store"], environment["CarrierSim__Store"]);
            Assert.True(Service(service)["depends_on"] is YamlMappingNode depends && Scalar(depends, "postgres", "condition") == "service_healthy", $"{service} must wait for a healthy postgres");
            Assert.Contains(environment["CarrierSim__Port"], Healthcheck(service), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheStoreUriReachesThePostgresServiceWithItsCredentials()
    {
        var environment = Simulators().Values.First();
        var store = new NpgsqlConnectionStringBuilder(PostgresConnection.Parse(environment["CarrierSim__Store"]));
        var postgres = Environment(Service(store.Host!));

        Assert.Equal(5432, store.Port);
        Assert.Equal(postgres["POSTGRES_USER"], store.Username);
        Assert.Equal(postgres["POSTGRES_PASSWORD"], store.Password);
        Assert.Equal(postgres["POSTGRES_DB"], store.Database);
        Assert.Contains("pg_isready", Healthcheck(store.Host!), StringComparison.Ordinal);
    }

    [Fact]
    public void TheProxyRoutesToEveryReplicaAndWaitsUntilTheyAreHealthy()
    {
        var simulators = Simulators();
        var proxy = Service("proxy");
        var mounted = ((YamlSequenceNode)proxy["volumes"]).Children.Select(v => ((YamlScalarNode)v).Value!).Single(v => v.Contains("nginx.conf", StringComparison.Ordinal));
        var nginx = Nginx.Parse(File.ReadAllText(Path.Combine(Folder, mounted.Split(':')[0])));

        // The published port 8080 is served by a location / whose proxy_pass names an upstream of every replica.
        Assert.Contains(((YamlSequenceNode)proxy["ports"]).Children, p => ((YamlScalarNode)p).Value == "8080:8080");
        var server = nginx.Blocks("server").Single(s => s.Values("listen").Contains("8080"));
        var pass = server.Blocks("location").Single(l => l.Arguments == "/").Values("proxy_pass").Single();
        var upstream = nginx.Blocks("upstream").Single(u => "http://" + u.Arguments == pass);
        var routed = upstream.Values("server").Select(s => s.Split(' ')[0]).Order(StringComparer.Ordinal);
        var expected = simulators.Select(s => $"{s.Key}:{s.Value["CarrierSim__Port"]}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, routed);

        var depends = (YamlMappingNode)proxy["depends_on"];
        foreach (var service in simulators.Keys)
        {
            Assert.Equal("service_healthy", Scalar(depends, service, "condition"));
        }
    }

    [Fact]
    public void EveryVariableTheFileRequiresIsInTheExampleEnvironment()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "compose.yaml"));
        var example = ExampleEnvironment();

        var required = Variable().Matches(text).Where(m => m.Groups["op"].Value == ":?").Select(m => m.Groups["name"].Value).Distinct().ToList();

        Assert.Contains("CARRIERSIM_ADMIN_TOKEN", required);
        Assert.All(required, name => Assert.True(example.ContainsKey(name), $"{name} is required by compose.yaml but not in .env.example"));
        Assert.Null(CarrierSimOptions.AdminTokenProblem(example["CARRIERSIM_ADMIN_TOKEN"]));
    }

    // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}: compose's interpolation.
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();

    private static string Interpolate(string text, Dictionary<string, string> variables) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            var op = m.Groups["op"].Value;
            var set = variables.TryGetValue(name, out var value) && (value.Length > 0 || !op.StartsWith(':'));
            return op switch
            {
                _ when set => value!,
                ":-" or "-" => m.Groups["rest"].Value,
                ":?" or "?" => throw new InvalidOperationException($"compose would refuse to start: {name} is unset ({m.Groups["rest"].Value})"),
                _ => "",
            };
        });

    private static Dictionary<string, string> ExampleEnvironment() =>
        File.ReadAllLines(Path.Combine(Folder, ".env.example"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>compose.yaml as compose would read it with .env copied from .env.example: interpolated, merge keys applied.</summary>
    private static YamlMappingNode Compose()
    {
        var text = Interpolate(File.ReadAllText(Path.Combine(Folder, "compose.yaml")), ExampleEnvironment());
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        ((YamlMappingNode)Compose()["services"]).Children.TryGetValue(new YamlScalarNode(name), out var service)
            ? (YamlMappingNode)service
            : throw new Xunit.Sdk.XunitException($"compose.yaml has no service '{name}'");

    /// <summary>The services that run the simulator (those given CarrierSim__ settings), by name, with their environment.</summary>
    private static Dictionary<string, Dictionary<string, string>> Simulators()
    {
        var services = (YamlMappingNode)Compose()["services"];
        var simulators = services.Children
            .Select(s => (Name: ((YamlScalarNode)s.Key).Value!, Environment: Environment((YamlMappingNode)s.Value)))
            .Where(s => s.Environment.Keys.Any(k => k.StartsWith("CarrierSim__", StringComparison.Ordinal)))
            .ToDictionary(s => s.Name, s => s.Environment, StringComparer.Ordinal);
        Assert.NotEmpty(simulators);
        return simulators;
    }

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("environment"), out var environment)
            ? ((YamlMappingNode)environment).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal)
            : [];

    private static string Healthcheck(string service) =>
        string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)Service(service)["healthcheck"])["test"]).Children.Select(c => ((YamlScalarNode)c).Value));

    private static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }

    /// <summary>Binds the variables as the simulator does (environment variables: __ separates sections).</summary>
    private static CarrierSimOptions Bind(Dictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        return configuration.GetSection(CarrierSimOptions.Section).Get<CarrierSimOptions>() ?? new CarrierSimOptions();
    }

    /// <summary>Whether a path of configuration keys (after <c>CarrierSim__</c>) names a settable property, through lists and dictionaries, as the binder would.</summary>
    private static bool NamesAnOption(IEnumerable<string> path, Type type)
    {
        var current = type;
        var expectIndex = false;
        foreach (var segment in path)
        {
            if (expectIndex)
            {
                expectIndex = false;
                continue;
            }

            var property = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (!property.CanWrite && !IsCollection(property.PropertyType)))
            {
                return false;
            }

            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsCollection(current))
            {
                current = current.GetGenericArguments()[^1];
                expectIndex = true;
            }
        }

        return true;
    }

    private static bool IsCollection(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(List<>) || definition == typeof(Dictionary<,>));

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Simulator.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("Simulator.sln not found above the test's folder.");
    }

    /// <summary>Enough of nginx's configuration syntax for these checks: directives and nested blocks, comments dropped.</summary>
    private sealed record Nginx(string Name, string Arguments, List<Nginx> Children)
    {
        public IEnumerable<Nginx> Blocks(string name) => Children.Where(c => c.Name == name);

        public IEnumerable<string> Values(string name) => Children.Where(c => c.Name == name).Select(c => c.Arguments);

        public static Nginx Parse(string text)
        {
            var tokens = NginxToken().Matches(NginxComment().Replace(text, "")).Select(m => m.Value).ToList();
            var position = 0;
            return new Nginx("", "", Read(tokens, ref position));
        }

        private static List<Nginx> Read(List<string> tokens, ref int position)
        {
            var children = new List<Nginx>();
            var words = new List<string>();
            while (position < tokens.Count)
            {
                var token = tokens[position++];
                switch (token)
                {
                    case ";":
                        children.Add(new Nginx(words[0], string.Join(' ', words.Skip(1)), []));
                        words.Clear();
                        break;
                    case "{":
                        children.Add(new Nginx(words[0], string.Join(' ', words.Skip(1)), Read(tokens, ref position)));
                        words.Clear();
                        break;
                    case "}":
                        return children;
                    default:
                        words.Add(token.Trim('"'));
                        break;
                }
            }

            return children;
        }
    }

    [GeneratedRegex(@"#[^\n]*")]
    private static partial Regex NginxComment();

    [GeneratedRegex(@"""[^""]*""|[{};]|[^\s{};]+")]
    private static partial Regex NginxToken();
}
