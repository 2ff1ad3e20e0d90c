using CoGov.Workflows.Common;

namespace CoGov.Workflows.Cycles;

/// <summary>A request about one cycle of one system's assessment.</summary>
public interface ICycleRequest : IOrganisationRequest
{
    string SystemKey { get; }
    int Cycle { get; }
}
