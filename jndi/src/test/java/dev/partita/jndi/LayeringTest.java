package dev.partita.jndi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The place of {@code jndi} in the layering (client &lt;- provider &lt;- jndi): its production
 * classes use the JDK's naming API, the JMS API and the provider's public objects, nothing of the
 * client, broker, storage or protocol underneath.
 */
@Timeout(30)
class LayeringTest {

    @Test
    void jndiUsesOnlyTheProviderAndStandardApis() throws URISyntaxException {
        Location jndiClasses = Location.of(
                PartitaInitialContextFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses jndi = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(jndiClasses));
        classes().that().resideInAPackage("dev.partita.jndi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.partita.jndi..", "dev.partita.provider..", "jakarta.jms..", "javax.naming..", "java..")
                .check(jndi);
    }
}
