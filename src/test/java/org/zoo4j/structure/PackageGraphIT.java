package org.zoo4j.structure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package graph of every module's compiled main classes, as the modules' READMEs draw it: no cycles, a core that a
 * model user needs and nothing else, a zoo that knows no data set.
 */
class PackageGraphIT {

    private static final List<String> MODULES = List.of("layers-ext", "core", "data", "zoo", "onnx", "weights",
            "train", "spark", "cli", "examples");

    private static JavaClasses classes;

    @BeforeAll
    static void importCompiledClasses() {
        Path root = Path.of(System.getProperty("zoo4j.root", "."));
        List<Path> dirs = MODULES.stream().map(m -> root.resolve(m).resolve("target/classes")).toList();
        assertThat(dirs).allMatch(Files::isDirectory, "compiled (the modules build before this test)");
        classes = new ClassFileImporter().importPaths(dirs);
        assertThat(classes.contain("org.zoo4j.zoo.Zoo4jModel")).isTrue();
        assertThat(classes.contain("org.zoo4j.core.file.ModelFile")).isTrue();
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.zoo4j.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void coreNeedsNeitherTheZooNorTrainingNorOnnxRuntime() {
        noClasses().that().resideInAPackage("org.zoo4j.core..").should().dependOnClassesThat()
                .resideInAnyPackage("org.zoo4j.zoo..", "org.zoo4j.data..", "org.zoo4j.train..", "org.zoo4j.onnx..",
                        "org.zoo4j.weights..", "org.zoo4j.spark..", "org.zoo4j.cli..", "ai.onnxruntime..",
                        "org.datavec..")
                .check(classes);
    }

    @Test
    void theZooKnowsNoDataSet() {
        noClasses().that().resideInAPackage("org.zoo4j.zoo..").should().dependOnClassesThat()
                .resideInAnyPackage("org.zoo4j.data..", "org.zoo4j.train..", "org.datavec..", "ai.onnxruntime..")
                .check(classes);
    }

    @Test
    void onlyTheOnnxModuleTouchesOnnxRuntime() {
        noClasses().that().resideOutsideOfPackage("org.zoo4j.onnx..").should().dependOnClassesThat()
                .resideInAPackage("ai.onnxruntime..").check(classes);
    }

    @Test
    void librariesNeverReachTheCommandLine() {
        noClasses().that().resideOutsideOfPackages("org.zoo4j.cli..").should().dependOnClassesThat()
                .resideInAPackage("org.zoo4j.cli..").check(classes);
    }
}
