using System.Xml;
using System.Xml.Serialization;
using CarrierSim.Server.Http;

// Bandwidth's Dashboard (Iris) API speaks XML (Bandwidth/api-docs site/specs/numbers.yml). The
// wire types are public only because XmlSerializer refuses non-public types; nothing outside
// this folder uses them. Numbers and flags are strings on the wire so that the dialect, not the
// serializer, answers a bad value with Bandwidth's own error code.
namespace CarrierSim.Server.Dialects.Bandwidth;

/// <summary><c>&lt;Error&gt;&lt;Code/&gt;&lt;Description/&gt;[&lt;TelephoneNumber/&gt;]&lt;/Error&gt;</c>, in search answers and in ErrorLists.</summary>
public sealed class BandwidthError
{
    public string? Code { get; set; }

    public string? Description { get; set; }

    public string? TelephoneNumber { get; set; }
}

/// <summary><c>&lt;ResponseStatus&gt;&lt;ErrorCode/&gt;&lt;Description/&gt;&lt;/ResponseStatus&gt;</c>: reservations and the other resources.</summary>
public sealed class BandwidthResponseStatus
{
    public string? ErrorCode { get; set; }

    public string? Description { get; set; }
}

/// <summary>
/// Every Bandwidth error body, whatever its root element: the search's <c>&lt;Error&gt;</c>, the
/// orders' <c>&lt;ErrorList&gt;</c> or the other resources' <c>&lt;ResponseStatus&gt;</c> (numbers.yml,
/// site/docs/numbers/errors.mdx). The root is chosen per operation when it is written.
/// </summary>
public sealed class BandwidthErrorResponse
{
    public BandwidthError? Error { get; set; }

    [XmlArray("ErrorList")]
    [XmlArrayItem("Error")]
    public List<BandwidthError>? ErrorList { get; set; }

    public BandwidthResponseStatus? ResponseStatus { get; set; }
}

/// <summary>The criteria of every search-and-order type, each reading only the elements its type documents.</summary>
public sealed class SearchAndOrderType
{
    public string? Quantity { get; set; }

    public string? AreaCode { get; set; }

    public string? RateCenter { get; set; }

    public string? State { get; set; }

    public string? NpaNxx { get; set; }

    public string? NpaNxxX { get; set; }

    public string? Lata { get; set; }

    public string? City { get; set; }

    public string? Zip { get; set; }

    public string? LocalVanity { get; set; }

    public string? EndsIn { get; set; }

    public string? TollFreeVanity { get; set; }

    public string? TollFreeWildCardPattern { get; set; }

    public string? EnableTNDetail { get; set; }

    public string? EnableLCA { get; set; }
}

/// <summary><c>ExistingTelephoneNumberOrderType</c>: numbers found by an earlier search, with their reservations.</summary>
public sealed class ExistingTelephoneNumberOrderType
{
    [XmlArray("TelephoneNumberList")]
    [XmlArrayItem("TelephoneNumber")]
    public List<string>? TelephoneNumberList { get; set; }

    [XmlArray("ReservationIdList")]
    [XmlArrayItem("ReservationId")]
    public List<string>? ReservationIdList { get; set; }
}

/// <summary><c>POST /orders</c>: the request root <c>&lt;Order&gt;</c>, echoed in every answer with its <c>id</c> and <c>OrderCreateDate</c>.</summary>
[XmlRoot("Order")]
public sealed class BandwidthOrder : INamesNumbers
{
    public string? CustomerOrderId { get; set; }

    [XmlElement("id")]
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? OrderCreateDate { get; set; }

    public string? PeerId { get; set; }

    public string? BackOrderRequested { get; set; }

    public ExistingTelephoneNumberOrderType? ExistingTelephoneNumberOrderType { get; set; }

    public SearchAndOrderType? AreaCodeSearchAndOrderType { get; set; }

    public SearchAndOrderType? RateCenterSearchAndOrderType { get; set; }

    public SearchAndOrderType? NPANXXSearchAndOrderType { get; set; }

    public SearchAndOrderType? CitySearchAndOrderType { get; set; }

    public SearchAndOrderType? StateSearchAndOrderType { get; set; }

    public SearchAndOrderType? ZIPSearchAndOrderType { get; set; }

    public SearchAndOrderType? LATASearchAndOrderType { get; set; }

    public SearchAndOrderType? TollFreeVanitySearchAndOrderType { get; set; }

    public SearchAndOrderType? TollFreeWildCharSearchAndOrderType { get; set; }

    public SearchAndOrderType? CombinedSearchAndOrderType { get; set; }

    [XmlArray("TnAttributes")]
    [XmlArrayItem("TnAttribute")]
    public List<string>? TnAttributes { get; set; }

    public string? PartialAllowed { get; set; }

    public string? SiteId { get; set; }

    public string? CloseOrder { get; set; }

    /// <summary>Elements no order type knows (e.g. a misspelt order type), named in the 5087 error.</summary>
    [XmlAnyElement]
    public XmlElement[]? Unknown { get; set; }

    IEnumerable<string?> INamesNumbers.Numbers => (ExistingTelephoneNumberOrderType?.TelephoneNumberList ?? []).Select(BandwidthNumbers.ToE164);
}

/// <summary>A completed number in an order: <c>&lt;TelephoneNumber&gt;&lt;FullNumber/&gt;&lt;/TelephoneNumber&gt;</c>.</summary>
public sealed class CompletedNumber
{
    public string? FullNumber { get; set; }
}

/// <summary><c>&lt;OrderResponse&gt;</c>: the 201 of <c>POST /orders</c> and the answer of <c>GET /orders/{id}</c>.</summary>
[XmlRoot("OrderResponse")]
public sealed class OrderResponse
{
    [XmlArray("ErrorList")]
    [XmlArrayItem("Error")]
    public List<BandwidthError>? ErrorList { get; set; }

    public string? CompletedQuantity { get; set; }

    public string? CreatedByUser { get; set; }

    public string? LastModifiedDate { get; set; }

    public string? OrderCompleteDate { get; set; }

    public BandwidthOrder? Order { get; set; }

    public string? OrderStatus { get; set; }

    [XmlArray("CompletedNumbers")]
    [XmlArrayItem("TelephoneNumber")]
    public List<CompletedNumber>? CompletedNumbers { get; set; }

    public string? FailedQuantity { get; set; }

    public string? PendingQuantity { get; set; }
}

/// <summary>One available number with its details (<c>enableTNDetail=true</c>); <c>LATA</c> in capitals as the spec writes it.</summary>
public sealed class TelephoneNumberDetail
{
    public string? City { get; set; }

    [XmlElement("LATA")]
    public string? Lata { get; set; }

    public string? RateCenter { get; set; }

    public string? State { get; set; }

    public string? FullNumber { get; set; }

    public string? Tier { get; set; }

    public string? VendorId { get; set; }

    public string? VendorName { get; set; }
}

/// <summary><c>GET /availableNumbers</c>: <c>&lt;SearchResult&gt;</c>, empty when nothing matches.</summary>
[XmlRoot("SearchResult")]
public sealed class SearchResult
{
    public string? ResultCount { get; set; }

    [XmlArray("TelephoneNumberList")]
    [XmlArrayItem("TelephoneNumber")]
    public List<string>? TelephoneNumberList { get; set; }

    [XmlArray("TelephoneNumberDetailList")]
    [XmlArrayItem("TelephoneNumberDetail")]
    public List<TelephoneNumberDetail>? TelephoneNumberDetailList { get; set; }
}

/// <summary><c>POST /tnreservation</c>: <c>&lt;Reservation&gt;&lt;ReservedTn/&gt;&lt;/Reservation&gt;</c>.</summary>
[XmlRoot("Reservation")]
public sealed class ReservationRequest : INamesNumbers
{
    public string? ReservedTn { get; set; }

    IEnumerable<string?> INamesNumbers.Numbers => [BandwidthNumbers.ToE164(ReservedTn)];
}

/// <summary>A reservation as <c>GET</c> and <c>DELETE /tnreservation/{id}</c> answer it.</summary>
public sealed class ReservationWire
{
    public string? ReservationId { get; set; }

    public string? AccountId { get; set; }

    public string? ReservationExpires { get; set; }

    public string? ReservedTn { get; set; }
}

/// <summary><c>&lt;ReservationResponse&gt;</c>.</summary>
[XmlRoot("ReservationResponse")]
public sealed class ReservationResponse
{
    public ReservationWire? Reservation { get; set; }
}

/// <summary>The disconnect order type: the numbers, the mode and the protected flag.</summary>
public sealed class DisconnectTelephoneNumberOrderType
{
    public string? DisconnectMode { get; set; }

    public string? Protected { get; set; }

    [XmlArray("TelephoneNumberList")]
    [XmlArrayItem("TelephoneNumber")]
    public List<string>? TelephoneNumberList { get; set; }
}

/// <summary><c>POST /disconnects</c>: <c>&lt;DisconnectTelephoneNumberOrder&gt;</c>, echoed as <c>&lt;orderRequest&gt;</c>.</summary>
[XmlRoot("DisconnectTelephoneNumberOrder")]
public sealed class DisconnectTelephoneNumberOrder : INamesNumbers
{
    public string? CustomerOrderId { get; set; }

    [XmlElement("id")]
    public string? Id { get; set; }

    public string? OrderCreateDate { get; set; }

    public DisconnectTelephoneNumberOrderType? DisconnectTelephoneNumberOrderType { get; set; }

    IEnumerable<string?> INamesNumbers.Numbers => (DisconnectTelephoneNumberOrderType?.TelephoneNumberList ?? []).Select(BandwidthNumbers.ToE164);
}

/// <summary><c>&lt;DisconnectTelephoneNumberOrderResponse&gt;</c>: the 201 and the answer of <c>GET /disconnects/{id}</c>.</summary>
[XmlRoot("DisconnectTelephoneNumberOrderResponse")]
public sealed class DisconnectTelephoneNumberOrderResponse
{
    [XmlArray("DisconnectedTelephoneNumberList")]
    [XmlArrayItem("TelephoneNumber")]
    public List<string>? DisconnectedTelephoneNumberList { get; set; }

    [XmlArray("ErrorList")]
    [XmlArrayItem("Error")]
    public List<BandwidthError>? ErrorList { get; set; }

    [XmlElement("orderRequest")]
    public DisconnectTelephoneNumberOrder? OrderRequest { get; set; }

    public string? OrderStatus { get; set; }
}

/// <summary>One order in the orders list (the element names' casing is Bandwidth's: <c>orderId</c>, <c>userId</c>, <c>lastModifiedDate</c>).</summary>
public sealed class OrderIdUserIdDate
{
    public string? CountOfTNs { get; set; }

    public string? CustomerOrderId { get; set; }

    [XmlElement("lastModifiedDate")]
    public string? LastModifiedDate { get; set; }

    public string? OrderDate { get; set; }

    [XmlElement("orderId")]
    public string? OrderId { get; set; }

    public string? OrderStatus { get; set; }

    [XmlElement("userId")]
    public string? UserId { get; set; }
}

/// <summary>Paging links as Bandwidth writes them: <c>&lt;first&gt;</c> and <c>&lt;next&gt;</c> hold a Link header value.</summary>
public sealed class Links
{
    [XmlElement("first")]
    public string? First { get; set; }

    [XmlElement("next")]
    public string? Next { get; set; }
}

/// <summary>The orders list's inner element.</summary>
public sealed class ListOrderIdUserIdDate
{
    public string? TotalCount { get; set; }

    public Links? Links { get; set; }

    [XmlElement("OrderIdUserIdDate")]
    public List<OrderIdUserIdDate>? Orders { get; set; }
}

/// <summary><c>GET /orders</c>: <c>&lt;ResponseSelectWrapper&gt;&lt;ListOrderIdUserIdDate&gt;…</c>.</summary>
[XmlRoot("ResponseSelectWrapper")]
public sealed class ResponseSelectWrapper
{
    public ListOrderIdUserIdDate? ListOrderIdUserIdDate { get; set; }
}

/// <summary>The in-service numbers of one page.</summary>
public sealed class TelephoneNumbers
{
    public string? Count { get; set; }

    [XmlElement("TelephoneNumber")]
    public List<string>? Numbers { get; set; }
}

/// <summary><c>GET /inserviceNumbers</c>: <c>&lt;TNs&gt;</c>.</summary>
[XmlRoot("TNs")]
public sealed class TNs
{
    public string? TotalCount { get; set; }

    public Links? Links { get; set; }

    public TelephoneNumbers? TelephoneNumbers { get; set; }
}
