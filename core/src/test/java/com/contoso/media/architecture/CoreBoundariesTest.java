package com.contoso.media.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.app.Backend;
import com.contoso.media.transcoding.TranscodeControl;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain and its services know only their ports: no Azure SDK, no Functions or Durable types, no stand-in. The
 * ports are implemented by the {@code adapters} module (Azure, ffmpeg), {@code durable-orchestrators} (Durable) and
 * {@code local/standins} (local runtime and tests), never here.
 */
class CoreBoundariesTest {

    /** This module's own classes: its tests, and the stand-ins they compile, are left out. */
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.contoso.media");
    /** Every port a host plugs in (the one list, {@link Backend.Ports}), and the per-invocation transcode control. */
    static final List<Class<?>> PORTS = Stream.concat(Backend.Ports.types().stream(), Stream.of(TranscodeControl.class))
            .toList();

    @Test
    void theCoreImportsNoAzureFunctionsOrDurableType() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft..")
                .because("the Azure SDK lives in the adapters module, Functions in functions/, Durable in durable-orchestrators/")
                .check(CORE);
    }

    @Test
    void theCoreUsesNoStandIn() {
        noClasses().should().dependOnClassesThat().haveSimpleNameStartingWith("InMemory")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("InProcess")
                .orShould().dependOnClassesThat().haveSimpleName("MessagePump")
                .orShould().dependOnClassesThat().haveSimpleName("DevTokenIssuer")
                .because("stand-ins live in local/standins and must never reach the Function App")
                .check(CORE);
    }

    @Test
    void noCoreClassImplementsAPort() {
        for (Class<?> port : PORTS) {
            noClasses().that().areNotInterfaces().should().implement(port)
                    .because("adapters implement ports; the core only calls them")
                    .check(CORE);
        }
    }

    @Test
    void theRulesSeeTheCoresClassesAndNoStandIn() {
        assertThat(CORE.stream().map(JavaClass::getSimpleName)).contains("IntakeService", "UploadService")
                .doesNotContain("InMemoryUploadRepository", "DevTokenIssuer");
    }
}
