using System.Runtime.InteropServices;

namespace CarrierSim.Contracts.Interop;

/// <summary>Which half of an HTTP interaction a header or body belongs to (pact_ffi <c>InteractionPart</c>).</summary>
internal enum InteractionPart
{
    Request = 0,
    Response = 1,
}

/// <summary>pact_ffi <c>LevelFilter</c>.</summary>
internal enum LevelFilter
{
    Off = 0,
    Error = 1,
    Warn = 2,
    Info = 3,
    Debug = 4,
    Trace = 5,
}

/// <summary>pact_ffi <c>PactSpecification</c>; a new handle defaults to V3, so the binding always sets V4.</summary>
internal enum PactSpecification
{
    Unknown = 0,
    V1 = 1,
    V1_1 = 2,
    V2 = 3,
    V3 = 4,
    V4 = 5,
}

/// <summary>pact_ffi <c>PactHandle</c>: a transparent <c>uint16_t</c>, passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct PactHandle(ushort Value);

/// <summary>pact_ffi <c>InteractionHandle</c>: a transparent <c>uint32_t</c>, passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct InteractionHandle(uint Value);
