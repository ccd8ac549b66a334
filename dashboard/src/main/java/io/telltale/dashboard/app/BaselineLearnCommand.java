package io.telltale.dashboard.app;

import io.telltale.analysis.baseline.PolicyLearner;
import io.telltale.analysis.baseline.Proposal;
import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import io.telltale.capture.source.file.CaptureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale baseline learn}: what the devices did that the policy does not declare, as a diff of it. */
@Command(
        name = "learn",
        mixinStandardHelpOptions = true,
        description = "Read captures of a period the site considers normal and propose a declaration for each kind of "
                + "answered conversation (device group, remote end, transport, port, protocol, with the names used) that "
                + "the policy does not declare. Each proposal says how often it was seen and which alerts the same "
                + "traffic raised.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:proposed (or written with --apply)", "1:a capture was damaged (what was read is used)",
            "2:the command line or the policy was wrong", "3:the policy could not be written"})
final class BaselineLearnCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files of the learning period")
    List<Path> files;

    @Option(names = "--policy", required = true, paramLabel = "POLICY.yaml", description = "the policy to extend")
    Path policyFile;

    @Option(names = "--min-flows", paramLabel = "N", defaultValue = "1",
            description = "propose only what was seen at least N times. Default: ${DEFAULT-VALUE}")
    int minFlows;

    @Option(names = "--apply", description = "write the proposals into the policy file (default: only show the diff)")
    boolean apply;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyProposalWriter.Loaded loaded = PolicyProposalWriter.load(policyFile, spec);
        String text = loaded.text();
        Policy policy = loaded.policy();
        PolicyLearner learner = new PolicyLearner(policy);
        DetectionSink detection = new DetectionSink(learner, Detectors.all(policy), policy);
        boolean damaged = false;
        long clock = 0;
        for (Path file : files) {
            AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, detection);
            try (PacketSource source = CaptureFiles.open(file)) {
                while (source.poll(pipeline, 256) != PacketSource.END_OF_INPUT) {
                    // to the end
                }
                java.util.Optional<SourceDamage> damage = source.damage();
                if (damage.isPresent()) {
                    err.println("telltale baseline: " + damage.get().describe() + " (what came before is used)");
                    damaged = true;
                }
            }
            pipeline.finish();
            clock = Math.max(clock, pipeline.meter().clockNanos());
        }
        detection.finish(clock);
        List<Proposal> proposals = learner.proposals().stream().filter(p -> p.flows() >= minFlows).toList();
        int code = PolicyProposalWriter.write(policyFile, text, policy.document(), proposals,
                "learned from " + files.size() + (files.size() == 1 ? " capture" : " captures"), apply, out, err);
        out.flush();
        return code != ExitCodes.OK ? code : damaged ? ExitCodes.INPUT_DAMAGED : ExitCodes.OK;
    }
}
