using Cascade.Docker;
using Cascade.Tests.Support;

namespace Cascade.Tests.Docker;

public class BuildMessageReaderTests
{
    [Fact]
    public void Steps_are_timed_until_the_next_step_and_lines_split_across_messages_are_joined()
    {
        var clock = new ManualClock();
        var log = new StringWriter();
        var reader = new BuildMessageReader(log, clock);

        reader.Handle("""{"stream":"Step 1/2 : FROM scratch\n"}""");
        clock.Advance(1.2);
        reader.Handle("""{"stream":"Step 2/2 : RUN make"}""");
        reader.Handle("""{"stream":" all\n"}""");
        clock.Advance(3);
        reader.Handle("""{"aux":{"ID":"sha256:abc"}}""");
        reader.Handle("""{"stream":"Successfully built abc\n"}""");
        reader.Finish();

        reader.Steps.Should().Equal(new BuildStep("FROM scratch", TimeSpan.FromSeconds(1.2)), new BuildStep("RUN make all", TimeSpan.FromSeconds(3)));
        reader.ImageId.Should().Be("sha256:abc", "aux.ID wins over the short id");
        reader.Error.Should().BeNull();
        log.ToString().Should().Contain("[+1.2s] FROM scratch").And.Contain("[+3.0s] RUN make all");
    }

    [Theory]
    [InlineData("""{"errorDetail":{"code":1,"message":"The command returned a non-zero code: 2"},"error":"The command returned a non-zero code: 2"}""")]
    [InlineData("""{"error":"The command returned a non-zero code: 2"}""")]
    [InlineData("""{"errorDetail":{"message":"The command returned a non-zero code: 2"}}""")]
    public void Any_error_field_fails_the_build(string message)
    {
        var reader = new BuildMessageReader(TextWriter.Null, TimeProvider.System);
        reader.Handle("""{"stream":"Successfully built 0123abc\n"}""");
        reader.Handle(message);
        reader.Error.Should().Be("The command returned a non-zero code: 2");
    }
}
