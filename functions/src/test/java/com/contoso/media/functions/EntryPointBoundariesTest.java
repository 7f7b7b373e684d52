package com.contoso.media.functions;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Entry points bind, call one application service and map the result. They never reach past the services into a
 * port or an adapter; only the composition root ({@code AzureBackend}) knows the adapters.
 */
class EntryPointBoundariesTest {

    private static final JavaClasses FUNCTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.contoso.media.functions");

    @Test
    void entryPointsCallServicesNotPortsOrAdapters() {
        noClasses().that().resideInAPackage("com.contoso.media.functions")
                .should().dependOnClassesThat(ours(simpleNameEndingWith("Repository")))
                .orShould().dependOnClassesThat(ours(simpleNameEndingWith("Store")))
                .orShould().dependOnClassesThat(ours(simpleNameStartingWith("Cosmos")))
                .orShould().dependOnClassesThat(ours(simpleNameStartingWith("ServiceBus")))
                .orShould().dependOnClassesThat(ours(simpleNameEndingWith("SasSigner")))
                .orShould().dependOnClassesThat(ours(simpleName("AzureClients")))
                .orShould().dependOnClassesThat().resideInAnyPackage("com.azure..")
                .check(FUNCTIONS);
    }

    /** The project's own classes only: the Functions annotations are called CosmosDBTrigger and the like. */
    private static DescribedPredicate<JavaClass> ours(DescribedPredicate<JavaClass> name) {
        return name.and(resideInAPackage("com.contoso.media.."));
    }

    @Test
    void nothingInTheFunctionAppTouchesAStandIn() {
        noClasses().should().dependOnClassesThat().haveSimpleNameStartingWith("InMemory")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("InProcess")
                .orShould().dependOnClassesThat().haveSimpleName("DevTokenIssuer")
                .check(FUNCTIONS);
    }
}
