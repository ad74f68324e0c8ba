package org.zoo4j.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's own architecture, in a jar of theirs on ZOO4J_CLASSPATH, works in every command that takes a model name. */
class UserArchitectureIT {

    @TempDir
    Path work;

    private static final String PROVIDER = """
            package example;

            import java.util.List;
            import org.zoo4j.zoo.registry.ArchitectureProvider;
            import org.zoo4j.zoo.ConvStyle;
            import org.zoo4j.zoo.registry.ModelEntry;
            import org.zoo4j.zoo.resnet.ResBlock;
            import org.zoo4j.zoo.resnet.ResNet;

            public class TinyModels implements ArchitectureProvider {
                @Override
                public List<ModelEntry> architectures() {
                    return List.of(new ModelEntry("tiny_resnet", "resnet", "a user's ResNet: two stages of one block",
                            () -> ResNet.of("tiny_resnet", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(8, 16),
                                    List.of(1, 1), ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false)));
                }
            }
            """;

    @Test
    void aRegisteredArchitectureTrainsEvaluatesSummarisesAndExports() throws Exception {
        Map<String, String> env = Map.of("ZOO4J_CLASSPATH", userJar().toString());
        Launcher.Result list = Launcher.run(work, 120, env, "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("tiny_resnet").contains("a user's ResNet");

        Launcher.Result summary = Launcher.run(work, 120, env, "summary", "tiny_resnet");
        assertThat(summary.exitCode()).as(summary.toString()).isZero();
        assertThat(summary.out()).contains("stage2");

        Launcher.Result train = Launcher.run(work, 300, env, "train", "tiny_resnet", "--epochs", "1", "--limit",
                "256", "--out", "run");
        assertThat(train.exitCode()).as(train.toString()).isZero();
        Launcher.Result eval = Launcher.run(work, 120, env, "eval", "run/checkpoints/best.zip", "--json");
        assertThat(eval.exitCode()).as(eval.toString()).isZero();
        assertThat(eval.out()).contains("\"accuracy\"");

        Launcher.Result export = Launcher.run(work, 120, env, "export-onnx", "tiny_resnet", "--out", "t.onnx");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(work.resolve("t.onnx")).isNotEmptyFile();

        Launcher.Result without = Launcher.run(work, 120, "summary", "tiny_resnet");
        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.err()).contains("Unknown model 'tiny_resnet'");
    }

    /** The provider compiled against the packaged zoo4j, with its service file, as a user builds it. */
    private Path userJar() throws IOException {
        Path src = Files.createDirectories(work.resolve("src/example")).resolve("TinyModels.java");
        Files.writeString(src, PROVIDER);
        Path classes = Files.createDirectories(work.resolve("classes"));
        String classpath;
        try (Stream<Path> jars = Files.list(Launcher.ROOT.resolve("cli/target/lib"))) {
            classpath = jars.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-cp", classpath, "-d", classes.toString(), src.toString());
        assertThat(status).as("javac").isZero();
        Path jar = work.resolve("my-models.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "example/TinyModels.class", Files.readAllBytes(classes.resolve("example/TinyModels.class")));
            put(out, "META-INF/services/org.zoo4j.zoo.registry.ArchitectureProvider",
                    "example.TinyModels\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
