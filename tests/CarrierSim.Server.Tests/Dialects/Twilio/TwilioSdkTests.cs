using System.Text.RegularExpressions;
using CarrierSim.Core.Chaos;
using CarrierSim.Core.Inventory;
using CarrierSim.Server.Hosting;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.AvailablePhoneNumberCountry;
using CorePhoneNumber = CarrierSim.Core.Numbering.PhoneNumber;
using TwilioNumber = Twilio.Types.PhoneNumber;

namespace CarrierSim.Server.Tests.Dialects.Twilio;

/// <summary>The official Twilio C# SDK (NuGet Twilio 8.2.0), unmodified, against the simulator.</summary>
public sealed partial class TwilioSdkTests : IAsyncLifetime
{
    private static readonly string Sid = TwilioSdk.AccountSid("sdk-tests");

    private TestSimulator _sim = null!;
    private TwilioRestClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _client = TwilioSdk.Client(_sim, Sid);
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private List<LocalResource> Local(ReadLocalOptions options) => [.. LocalResource.Read(options, _client)];

    private ReadLocalOptions Options(Action<ReadLocalOptions> set)
    {
        var options = new ReadLocalOptions("US") { PathAccountSid = Sid, PageSize = 20, Limit = 20 };
        set(options);
        return options;
    }

    private IncomingPhoneNumberResource Buy(string number, Action<CreateIncomingPhoneNumberOptions>? set = null)
    {
        var options = new CreateIncomingPhoneNumberOptions { PathAccountSid = Sid, PhoneNumber = new TwilioNumber(number) };
        set?.Invoke(options);
        return IncomingPhoneNumberResource.Create(options, _client);
    }

    private static ApiException Fails(Func<object?> call) => Assert.Throws<ApiException>(call);

    private NumberState State(string number) => _sim.Simulation.Inventory.GetStatus(CorePhoneNumber.Parse(number).Value).State;

    [Fact]
    public void SearchByAreaCodeReturnsEveryDocumentedField()
    {
        var found = Local(Options(o => o.AreaCode = 919));

        Assert.NotEmpty(found);
        Assert.All(found, n =>
        {
            Assert.StartsWith("+1919", n.PhoneNumber.ToString());
            Assert.Matches(@"^\(919\) \d{3}-\d{4}$", n.FriendlyName.ToString());
            Assert.Matches(@"^\d{3}$", n.Lata);
            Assert.False(string.IsNullOrEmpty(n.RateCenter));
            Assert.False(string.IsNullOrEmpty(n.Locality));
            Assert.Equal("NC", n.Region);
            Assert.Matches(@"^\d{5}$", n.PostalCode);
            Assert.InRange(n.Latitude!.Value, 33m, 37m);
            Assert.InRange(n.Longitude!.Value, -85m, -75m);
            Assert.Equal("US", n.IsoCountry);
            Assert.Equal("none", n.AddressRequirements);
            Assert.False(n.Beta);
            Assert.True(n.Capabilities.Voice);
            Assert.True(n.Capabilities.Sms);
        });
        Assert.Equal(found.Count, found.Select(n => n.PhoneNumber.ToString()).Distinct().Count());
    }

    [Fact]
    public void SearchByRateCenterAndLataStaysInThatRateCenter()
    {
        var sample = Local(Options(o => o.AreaCode = 919))[0];

        var found = Local(Options(o =>
        {
            o.InRateCenter = sample.RateCenter;
            o.InLata = sample.Lata;
        }));

        Assert.NotEmpty(found);
        Assert.All(found, n =>
        {
            Assert.Equal(sample.RateCenter, n.RateCenter);
            Assert.Equal(sample.Lata, n.Lata);
        });
    }

    [Fact]
    public void RateCenterGivenAsANumberMeansThatNumbersRateCenter()
    {
        var sample = Local(Options(o => o.AreaCode = 704))[0];

        var found = Local(Options(o =>
        {
            o.InRateCenter = sample.PhoneNumber.ToString();
            o.InLata = sample.PhoneNumber.ToString();
        }));

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.Equal((sample.RateCenter, sample.Lata), (n.RateCenter, n.Lata)));
    }

    [Fact]
    public void SearchByPostalCodeAnswersThatPostalCode()
    {
        var zip = Local(Options(o => o.AreaCode = 512))[0].PostalCode;

        var found = Local(Options(o => o.InPostalCode = zip));

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.Equal(zip, n.PostalCode));
    }

    [Fact]
    public void SearchInRegionAndLocality()
    {
        var sample = Local(Options(o => o.AreaCode = 415))[0];

        var found = Local(Options(o =>
        {
            o.InRegion = "CA";
            o.InLocality = sample.Locality;
        }));

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.Equal(("CA", sample.Locality), (n.Region, n.Locality)));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void SearchNearANumberStaysWithinTheDistance(int miles)
    {
        var center = Local(Options(o => o.AreaCode = 919))[0];

        var found = Local(Options(o =>
        {
            o.NearNumber = center.PhoneNumber;
            o.Distance = miles;
        }));

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.InRange(
            Miles((double)center.Latitude!.Value, (double)center.Longitude!.Value, (double)n.Latitude!.Value, (double)n.Longitude!.Value), 0, miles + 0.01));
    }

    [Fact]
    public void SearchNearALatLongFindsTheNearestRateCentersFirst()
    {
        var found = Local(Options(o => o.NearLatLong = "35.7796,-78.6382"));

        Assert.NotEmpty(found);
        var distances = found.Select(n => Miles(35.7796, -78.6382, (double)n.Latitude!.Value, (double)n.Longitude!.Value)).ToList();
        Assert.All(distances, d => Assert.InRange(d, 0, 25.01));
        Assert.Equal(distances.Order(), distances);
    }

    [Theory]
    [InlineData("99", @"99")]
    [InlineData("CAB", @"222")]
    [InlineData("+1919*5", @"^919\d5")]
    [InlineData("4%7$", @"4\d*7$")]
    public void ContainsMatchesDigitsLettersAndWildcards(string pattern, string expected)
    {
        var found = Local(Options(o =>
        {
            o.AreaCode = 919;
            o.Contains = pattern;
        }));

        Assert.NotEmpty(found);
        Assert.All(found, n => Assert.Matches(expected, n.PhoneNumber.ToString()[2..]));
    }

    [Fact]
    public void CapabilityAndAddressFiltersNarrowTheAnswer()
    {
        var options = new ReadTollFreeOptions("US") { PathAccountSid = Sid, PageSize = 5, Limit = 5 };
        var tollFree = TollFreeResource.Read(options, _client).ToList();
        var faxTollFree = TollFreeResource.Read(new ReadTollFreeOptions("US") { PathAccountSid = Sid, FaxEnabled = true, PageSize = 5, Limit = 5 }, _client).ToList();
        var gbMobile = MobileResource.Read(new ReadMobileOptions("GB") { PathAccountSid = Sid, PageSize = 5, Limit = 5 }, _client).ToList();
        var gbMobileNoAddress = MobileResource.Read(new ReadMobileOptions("GB") { PathAccountSid = Sid, ExcludeAllAddressRequired = true, PageSize = 5, Limit = 5 }, _client).ToList();

        Assert.NotEmpty(tollFree);
        Assert.All(tollFree, n => Assert.Matches(@"^\+18(00|33|44|55|66|77|88)", n.PhoneNumber.ToString()));
        Assert.Empty(faxTollFree);
        Assert.NotEmpty(gbMobile);
        Assert.All(gbMobile, n => Assert.Equal(("GB", "any"), (n.IsoCountry, n.AddressRequirements)));
        Assert.Empty(gbMobileNoAddress);
    }

    [Fact]
    public void CountriesListTheCatalogsCountriesWithTheirTypes()
    {
        var countries = AvailablePhoneNumberCountryResource.Read(Sid, client: _client).ToList();
        var us = AvailablePhoneNumberCountryResource.Fetch("US", Sid, _client);

        Assert.Contains(countries, c => c.CountryCode == "US");
        Assert.Contains(countries, c => c.CountryCode == "GB");
        Assert.Equal("United States", us.Country);
        Assert.Equal($"/2010-04-01/Accounts/{Sid}/AvailablePhoneNumbers/US/Local.json", us.SubresourceUris["local"].ToString());
        Assert.Contains("toll_free", us.SubresourceUris.Keys);
    }

    [Fact]
    public void BuyingANumberAnswersTheFullResourceAndOwnsIt()
    {
        var number = Local(Options(o => o.AreaCode = 919))[0].PhoneNumber.ToString();

        var bought = Buy(number, o =>
        {
            o.FriendlyName = "Support line";
            o.VoiceUrl = new Uri("https://example.com/voice");
            o.SmsUrl = new Uri("https://example.com/sms");
            o.StatusCallback = new Uri("https://example.com/status");
            o.VoiceMethod = global::Twilio.Http.HttpMethod.Get;
        });

        Assert.Matches("^PN[0-9a-f]{32}$", bought.Sid);
        Assert.Equal(Sid, bought.AccountSid);
        Assert.Equal(number, bought.PhoneNumber.ToString());
        Assert.Equal("Support line", bought.FriendlyName);
        Assert.Equal("https://example.com/voice", bought.VoiceUrl.ToString());
        Assert.Equal("GET", bought.VoiceMethod.ToString());
        Assert.Equal("https://example.com/sms", bought.SmsUrl.ToString());
        Assert.Equal("https://example.com/status", bought.StatusCallback.ToString());
        Assert.Equal(_sim.Time.GetUtcNow().UtcDateTime, bought.DateCreated);
        Assert.Equal($"/2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers/{bought.Sid}.json", bought.Uri);
        Assert.True(bought.Capabilities.Voice);
        Assert.Equal(NumberState.Owned, State(number));
        Assert.Equal(bought.Sid, IncomingPhoneNumberResource.Fetch(bought.Sid, Sid, _client).Sid);
    }

    [Fact]
    public void BuyingByAreaCodeTakesANumberInIt()
    {
        var bought = IncomingPhoneNumberResource.Create(new CreateIncomingPhoneNumberOptions { PathAccountSid = Sid, AreaCode = "415" }, _client);

        Assert.StartsWith("+1415", bought.PhoneNumber.ToString());
        Assert.Matches(@"^\(415\) \d{3}-\d{4}$", bought.FriendlyName);
        Assert.Equal(NumberState.Owned, State(bought.PhoneNumber.ToString()));
    }

    [Fact]
    public void ListingPagesThroughEveryNumberAndFilters()
    {
        var numbers = Local(Options(o => o.AreaCode = 312)).Take(5).Select(n => n.PhoneNumber.ToString()).ToList();
        var bought = numbers.Select((n, i) => Buy(n, o => o.FriendlyName = i == 0 ? "first" : "other")).ToList();

        var all = IncomingPhoneNumberResource.Read(new ReadIncomingPhoneNumberOptions { PathAccountSid = Sid, PageSize = 2 }, _client).ToList();
        var page = IncomingPhoneNumberResource.Read(new ReadIncomingPhoneNumberOptions { PathAccountSid = Sid, PageSize = 2, Limit = 2 }, _client).ToList();
        var named = IncomingPhoneNumberResource.Read(new ReadIncomingPhoneNumberOptions { PathAccountSid = Sid, FriendlyName = "first" }, _client).ToList();
        var byNumber = IncomingPhoneNumberResource.Read(new ReadIncomingPhoneNumberOptions { PathAccountSid = Sid, PhoneNumber = new TwilioNumber(numbers[1][..^2] + "**") }, _client).ToList();

        Assert.Equal(bought.Select(b => b.Sid).Order(), all.Select(n => n.Sid).Order());
        Assert.Equal(2, page.Count);
        Assert.Equal(numbers[0], Assert.Single(named).PhoneNumber.ToString());
        Assert.Contains(byNumber, n => n.PhoneNumber.ToString() == numbers[1]);
        Assert.All(byNumber, n => Assert.StartsWith(numbers[1][..^2], n.PhoneNumber.ToString()));
    }

    [Fact]
    public void UpdatingChangesOnlyWhatIsSent()
    {
        var number = Local(Options(o => o.AreaCode = 206))[0].PhoneNumber.ToString();
        var bought = Buy(number, o => o.VoiceUrl = new Uri("https://example.com/voice"));
        _sim.Time.Advance(TimeSpan.FromMinutes(5));

        var updated = IncomingPhoneNumberResource.Update(new UpdateIncomingPhoneNumberOptions(bought.Sid)
        {
            PathAccountSid = Sid,
            FriendlyName = "Renamed",
            SmsUrl = new Uri("https://example.com/sms2"),
        }, _client);
        var fetched = IncomingPhoneNumberResource.Fetch(bought.Sid, Sid, _client);

        Assert.Equal("Renamed", fetched.FriendlyName);
        Assert.Equal("https://example.com/sms2", fetched.SmsUrl.ToString());
        Assert.Equal("https://example.com/voice", fetched.VoiceUrl.ToString());
        Assert.Equal(bought.DateCreated, updated.DateCreated);
        Assert.Equal(bought.DateCreated!.Value.AddMinutes(5), updated.DateUpdated);
    }

    [Fact]
    public void DeletingReleasesTheNumberIntoQuarantine()
    {
        var number = Local(Options(o => o.AreaCode = 303))[0].PhoneNumber.ToString();
        var bought = Buy(number);

        Assert.True(IncomingPhoneNumberResource.Delete(bought.Sid, Sid, _client));

        Assert.Equal(NumberState.Quarantined, State(number));
        var gone = Fails(() => IncomingPhoneNumberResource.Fetch(bought.Sid, Sid, _client));
        Assert.Equal((20404, 404), (gone.Code, gone.Status));
        Assert.Empty(IncomingPhoneNumberResource.Read(pathAccountSid: Sid, client: _client));
        var again = Fails(() => Buy(number));
        Assert.Equal(21422, again.Code);
    }

    [Fact]
    public void ApiKeyAuthWorksOnTheAccountInThePath()
    {
        var number = Local(Options(o => o.AreaCode = 617))[0].PhoneNumber.ToString();
        var bought = Buy(number);
        var keyClient = TwilioSdk.Client(_sim, TwilioSdk.ApiKeySid("key"), "key-secret", Sid);

        var listed = IncomingPhoneNumberResource.Read(pathAccountSid: Sid, client: keyClient).ToList();

        Assert.Equal(bought.Sid, Assert.Single(listed).Sid);
    }

    [Fact]
    public void ErrorsArriveAsApiExceptionsWithTwilioCodes()
    {
        var taken = Local(Options(o => o.AreaCode = 919))[0].PhoneNumber.ToString();
        _sim.Simulation.Inventory.Force(CorePhoneNumber.Parse(taken).Value, NumberStatus.Taken);

        var unavailable = Fails(() => Buy(taken));
        var invalid = Fails(() => Buy("+1555"));
        var badAreaCode = Fails(() => IncomingPhoneNumberResource.Create(new CreateIncomingPhoneNumberOptions { PathAccountSid = Sid, AreaCode = "099" }, _client));
        var unknownSid = Fails(() => IncomingPhoneNumberResource.Fetch("PN" + new string('0', 32), Sid, _client));
        var badCredentials = Fails(() => LocalResource.Read(new ReadLocalOptions("US") { PathAccountSid = Sid, AreaCode = 919, Limit = 1 }, TwilioSdk.Client(_sim, "not-a-sid")).ToList());
        var rateCenterAlone = Fails(() => Local(Options(o => o.InRateCenter = "RALEIGH")));

        Assert.Equal((21422, 400), (unavailable.Code, unavailable.Status));
        Assert.Equal((21421, 400), (invalid.Code, invalid.Status));
        Assert.Equal((21451, 400), (badAreaCode.Code, badAreaCode.Status));
        Assert.Equal((20404, 404), (unknownSid.Code, unknownSid.Status));
        Assert.Equal((20003, 401), (badCredentials.Code, badCredentials.Status));
        Assert.Equal((20001, 400), (rateCenterAlone.Code, rateCenterAlone.Status));
        Assert.Contains("InLata", rateCenterAlone.Message, StringComparison.Ordinal);
        Assert.All(new[] { unavailable, invalid, badAreaCode, unknownSid, badCredentials }, e => Assert.Equal($"https://www.twilio.com/docs/errors/{e.Code}", e.MoreInfo));
    }

    [Fact]
    public void ANumberAnotherAccountBoughtIs21422()
    {
        var number = Local(Options(o => o.AreaCode = 919))[0].PhoneNumber.ToString();
        var other = TwilioSdk.Client(_sim, TwilioSdk.AccountSid("other"));
        IncomingPhoneNumberResource.Create(new CreateIncomingPhoneNumberOptions { PhoneNumber = new TwilioNumber(number), PathAccountSid = TwilioSdk.AccountSid("other") }, other);

        var error = Fails(() => Buy(number));

        Assert.Equal(21422, error.Code);
        Assert.Empty(IncomingPhoneNumberResource.Read(pathAccountSid: Sid, client: _client));
    }

    [Fact]
    public async Task ARaceWithAnotherBuyerIs21422()
    {
        var number = Local(Options(o => o.AreaCode = 919))[0].PhoneNumber.ToString();
        await (await _sim.Admin().PostJsonAsync("chaos/rules", new { name = "race", kind = "race", target = new { dialect = "twilio" } })).JsonAsync(201);

        var error = Fails(() => Buy(number));

        Assert.Equal((21422, 400), (error.Code, error.Status));
        Assert.NotEqual(NumberState.Owned, State(number));
    }

    [Fact]
    public void TestCredentialsFollowTwiliosMagicInputs()
    {
        var testSid = TwilioSdk.AccountSid("test-account");
        var test = TwilioSdk.Client(_sim, testSid, "test_auth_token");
        IncomingPhoneNumberResource Create(Action<CreateIncomingPhoneNumberOptions> set)
        {
            var options = new CreateIncomingPhoneNumberOptions { PathAccountSid = testSid };
            set(options);
            return IncomingPhoneNumberResource.Create(options, test);
        }

        var bought = Create(o =>
        {
            o.PhoneNumber = new TwilioNumber("+15005550006");
            o.VoiceUrl = new Uri("https://example.com/voice");
        });
        var byAreaCode = Create(o => o.AreaCode = "500");
        var unavailable = Fails(() => Create(o => o.PhoneNumber = new TwilioNumber("+15005550000")));
        var invalid = Fails(() => Create(o => o.PhoneNumber = new TwilioNumber("+15005550001")));
        var noNumbers = Fails(() => Create(o => o.AreaCode = "533"));
        var search = Fails(() => LocalResource.Read(new ReadLocalOptions("US") { PathAccountSid = testSid, AreaCode = 919, Limit = 1 }, test).ToList());

        Assert.Equal(("+15005550006", "(500) 555-0006", "https://example.com/voice"), (bought.PhoneNumber.ToString(), bought.FriendlyName, bought.VoiceUrl.ToString()));
        Assert.Equal("+15005550006", byAreaCode.PhoneNumber.ToString());
        Assert.Equal(21422, unavailable.Code);
        Assert.Equal(21421, invalid.Code);
        Assert.Equal(21452, noNumbers.Code);
        Assert.Equal((20008, 403), (search.Code, search.Status));
        Assert.Empty(_sim.Simulation.Orders.All());
        Assert.Empty(IncomingPhoneNumberResource.Read(pathAccountSid: testSid, client: TwilioSdk.Client(_sim, testSid)));
    }

    [Fact]
    public void MagicNumbersGoThroughTheSharedOrderPath()
    {
        var available = Buy("+19195550131");
        var taken = Fails(() => Buy("+19195550141"));
        var failsAtFulfilment = Fails(() => Buy("+19195550151"));

        Assert.Equal("+19195550131", available.PhoneNumber.ToString());
        Assert.Equal(21422, taken.Code);
        Assert.Equal(21422, failsAtFulfilment.Code);
        Assert.Contains("fulfilment", failsAtFulfilment.Message, StringComparison.Ordinal);
        Assert.Equal(MagicBehaviour.FailsAtFulfilment, MagicNumbers.Of("+19195550151"));
    }

    [Fact]
    public async Task OnItsOwnPortTheSdkNeedsOnlyTheHostSwapped()
    {
        int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var own = FreePort();
        var app = CarrierSim.Server.Hosting.CarrierSimApp.CreateBuilder([], new Dictionary<string, string?>
        {
            ["CarrierSim:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CarrierSim:DialectPorts:twilio"] = own.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build().UseCarrierSim();
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            var client = TwilioSdk.AtRootOf(new Uri($"http://127.0.0.1:{own}/"), Sid);

            var number = LocalResource.Read(new ReadLocalOptions("US") { PathAccountSid = Sid, AreaCode = 919, PageSize = 1, Limit = 1 }, client).Single();
            var bought = IncomingPhoneNumberResource.Create(new CreateIncomingPhoneNumberOptions { PathAccountSid = Sid, PhoneNumber = number.PhoneNumber }, client);

            Assert.Equal(number.PhoneNumber.ToString(), bought.PhoneNumber.ToString());
            Assert.Equal(bought.Sid, Assert.Single(IncomingPhoneNumberResource.Read(pathAccountSid: Sid, client: client)).Sid);
        }
    }

    private static double Miles(double lat1, double lon1, double lat2, double lon2)
    {
        static double R(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(R(lat2 - lat1) / 2), 2) + (Math.Cos(R(lat1)) * Math.Cos(R(lat2)) * Math.Pow(Math.Sin(R(lon2 - lon1) / 2), 2));
        return 2 * 3958.8 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
