package org.zoo4j.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.zoo4j.data.Download;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "download", description = "Download a data set explicitly (resumable, checksum-verified). "
        + "Nothing else in zoo4j downloads.")
final class DownloadCommand implements Callable<Integer> {

    enum Dataset { cifar10 }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "Data set: ${COMPLETION-CANDIDATES}.")
    Dataset dataset;

    @Option(names = "--dir", required = true, description = "Directory to download into.")
    Path dir;

    @Option(names = "--url", description = "Mirror URL of cifar-10-binary.tar.gz (default: the official one).")
    URI url = Download.CIFAR10_URL;

    @Option(names = "--md5", description = "Expected MD5 (default: the published one).")
    String md5 = Download.CIFAR10_MD5;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("cifar-10-binary.tar.gz").setUnit(" MiB", 1 << 20)
                .setInitialMax(170_052_171L).showSpeed().build()) {
            Path file = new Download().fetch(url, dir, Download.CIFAR10_FILE, md5, bar::stepTo);
            out.println("verified " + file + " (use it directly: --data " + file + ")");
        }
        out.flush();
        return 0;
    }
}
