package io.telltale.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3: dependencies point one way, capture ← analysis ← signatures ← dashboard. The Maven
 * module graph already refuses most wrong imports; this test also catches a wrong dependency added to
 * a pom, by checking the compiled classes of every module on this module's classpath.
 */
class ModuleLayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.telltale");

    @Test
    void captureKnowsNothingAbove() {
        noClasses().that().resideInAPackage("io.telltale.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("io.telltale.analysis..", "io.telltale.signatures..",
                        "io.telltale.dashboard..", "io.telltale.testdata..")
                .check(CLASSES);
    }

    @Test
    void analysisKnowsNeitherSignaturesNorDashboard() {
        noClasses().that().resideInAPackage("io.telltale.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("io.telltale.signatures..", "io.telltale.dashboard..",
                        "io.telltale.testdata..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void signaturesDoNotKnowTheDashboard() {
        noClasses().that().resideInAPackage("io.telltale.signatures..")
                .should().dependOnClassesThat().resideInAnyPackage("io.telltale.dashboard..", "io.telltale.testdata..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void captureDoesNotLog() {
        noClasses().that().resideInAPackage("io.telltale.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.slf4j..", "java.lang.System.Logger")
                .check(CLASSES);
    }
}
