using Cascade.Docker;

namespace Cascade.Tests.Docker;

/// <summary>What `--gpus all` means to the Engine API: one device request, any driver, every device, capability gpu.</summary>
public sealed class GpuRequestTests
{
    [Fact]
    public void All_gpus_is_one_device_request_for_every_gpu()
    {
        var request = DockerEngine.AllGpus().DeviceRequests.Should().ContainSingle().Subject;

        request.Count.Should().Be(-1, "-1 is the API's 'all'");
        request.Driver.Should().BeEmpty("the engine picks the driver that offers the capability");
        request.Capabilities.Should().ContainSingle().Which.Should().Equal("gpu");
    }
}
