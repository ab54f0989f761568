using System.Runtime.InteropServices;

namespace CarrierSim.Contracts.Interop;

/// <summary>
/// The libpact_ffi 0.5.8 entry points the binding uses. Strings are UTF-8 both ways, Rust <c>bool</c> is one
/// byte (U1), <c>size_t</c> is <see cref="nuint"/> and <c>unsigned long</c> is <see cref="CULong"/>.
/// Returned strings are never declared as <see cref="string"/>: the runtime would free them itself, and some
/// belong to the library (see <see cref="Borrow"/> and <see cref="TakeOwned"/>).
/// </summary>
internal static partial class NativeMethods
{
    internal const string LibraryName = "pact_ffi";

    // The resolver may be registered only once per assembly; the type initializer runs exactly once and before
    // the first P/Invoke through this class, which is the only class in the assembly that imports pact_ffi.
    static NativeMethods() => PactLibrary.RegisterResolver(typeof(NativeMethods).Assembly);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_version")]
    internal static partial nint Version();

    [LibraryImport(LibraryName, EntryPoint = "pactffi_log_to_buffer")]
    internal static partial int LogToBuffer(LevelFilter level);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_string_delete")]
    internal static partial void StringDelete(nint value);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_new_pact", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PactHandle NewPact(string consumerName, string providerName);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_with_specification")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithSpecification(PactHandle pact, PactSpecification version);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_new_interaction", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial InteractionHandle NewInteraction(PactHandle pact, string description);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_given", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool Given(InteractionHandle interaction, string description);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_given_with_params", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GivenWithParams(InteractionHandle interaction, string description, string paramsJson);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_with_request", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithRequest(InteractionHandle interaction, string method, string path);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_with_query_parameter_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithQueryParameterV2(InteractionHandle interaction, string name, nuint index, string value);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_with_header_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithHeaderV2(InteractionHandle interaction, InteractionPart part, string name, nuint index, string value);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_with_body", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool WithBody(InteractionHandle interaction, InteractionPart part, string contentType, string body);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_response_status")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool ResponseStatus(InteractionHandle interaction, ushort status);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_create_mock_server_for_transport", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int CreateMockServerForTransport(PactHandle pact, string address, ushort port, string transport, string? transportConfig);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_mock_server_matched")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool MockServerMatched(int port);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_mock_server_mismatches")]
    internal static partial nint MockServerMismatches(int port);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_mock_server_logs")]
    internal static partial nint MockServerLogs(int port);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_cleanup_mock_server")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool CleanupMockServer(int port);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_pact_handle_write_file", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int PactHandleWriteFile(PactHandle pact, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_free_pact_handle")]
    internal static partial uint FreePactHandle(PactHandle pact);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_new_for_application", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint VerifierNewForApplication(string name, string version);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_provider_info", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderInfo(nint handle, string name, string scheme, string host, ushort port, string path);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_provider_state", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetProviderState(nint handle, string url, byte teardown, byte body);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_verification_options")]
    internal static partial int VerifierSetVerificationOptions(nint handle, byte disableSslVerification, CULong requestTimeoutMs);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_coloured_output")]
    internal static partial int VerifierSetColouredOutput(nint handle, byte coloured);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_no_pacts_is_error")]
    internal static partial int VerifierSetNoPactsIsError(nint handle, byte isError);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_add_file_source", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddFileSource(nint handle, string file);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_add_directory_source", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierAddDirectorySource(nint handle, string directory);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_set_filter_info", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void VerifierSetFilterInfo(nint handle, string? description, string? state, byte noState);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_execute")]
    internal static partial int VerifierExecute(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_json")]
    internal static partial nint VerifierJson(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_output")]
    internal static partial nint VerifierOutput(nint handle, byte stripAnsi);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_logs")]
    internal static partial nint VerifierLogs(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "pactffi_verifier_shutdown")]
    internal static partial void VerifierShutdown(nint handle);

    // .NET keeps its own copy of the environment on Unix, so Environment.SetEnvironmentVariable is invisible
    // to native code; the Pact engine reads PACT_DO_NOT_TRACK through libc.
    [LibraryImport(PactLibrary.LibcName, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport(PactLibrary.LibcName, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GetEnv(string name);

    /// <summary>Copies a string the library owns (mock server mismatches and logs, the version): never freed here.</summary>
    internal static string? Borrow(nint value) => value == 0 ? null : Marshal.PtrToStringUTF8(value);

    /// <summary>Copies a string the caller owns (verifier JSON, output, logs) and frees it with <c>pactffi_string_delete</c>.</summary>
    internal static string? TakeOwned(nint value)
    {
        if (value == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            StringDelete(value);
        }
    }
}
