package org.zoo4j.cli;

import org.zoo4j.examples.ConvolutionVariantsExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "convdemo", description = "Reproduce the seed notebook's convolution-variant cells: dilated, "
        + "transposed and separable convolution, and their shapes.")
final class ConvDemoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ConvolutionVariantsExample.run(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }
}
