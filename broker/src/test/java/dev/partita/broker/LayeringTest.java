package dev.partita.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import dev.partita.client.PartitaClient;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.log.Log;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of docs/architecture.md, enforced on the compiled production classes of
 * every module on this test's class path: protocol <- storage <- broker, protocol <- client <- broker.
 */
class LayeringTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Only the four modules' own jars or class directories: scanning the whole class path is slow.
        Set<Location> modules = Stream.of(RecordBatch.class, Log.class, PartitaClient.class, PartitaBroker.class)
                .map(LayeringTest::locationOf)
                .collect(Collectors.toSet());
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(modules);
    }

    private static Location locationOf(Class<?> type) {
        try {
            return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void protocolDependsOnNoOtherLayerNorOnNettyOrZooKeeper() {
        noClasses().that().resideInAPackage("dev.partita.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "org.apache.zookeeper..", "org.apache.curator..",
                        "dev.partita.storage..", "dev.partita.client..", "dev.partita.broker..")
                .check(classes);
    }

    @Test
    void storageKnowsNothingOfTheNetworkClientOrBroker() {
        noClasses().that().resideInAPackage("dev.partita.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "org.apache.zookeeper..", "org.apache.curator..",
                        "dev.partita.client..", "dev.partita.broker..")
                .check(classes);
    }

    @Test
    void clientNeedsNeitherStorageNorBroker() {
        noClasses().that().resideInAPackage("dev.partita.client..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.partita.storage..", "dev.partita.broker..", "org.apache.zookeeper..", "org.apache.curator..")
                .check(classes);
    }

    @Test
    void onlyTheCoordinationLayerTalksToZooKeeper() {
        noClasses().that().resideInAPackage("dev.partita.broker..")
                .and().resideOutsideOfPackages("dev.partita.broker.zk..", "dev.partita.broker.controller..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.zookeeper..", "org.apache.curator..")
                .check(classes);
    }
}
