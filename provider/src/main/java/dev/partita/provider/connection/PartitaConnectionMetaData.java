package dev.partita.provider.connection;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What {@code Connection.getMetaData()} answers: Jakarta Messaging 3.1, provider Partita and its
 * version (from the jar manifest, or {@link #DEVELOPMENT_VERSION} when run from classes), and the
 * JMSX properties the provider supports: {@code JMSXDeliveryCount} (set on receipt),
 * {@code JMSXGroupID} and {@code JMSXGroupSeq} (set by applications), as the message model
 * accepts them. Immutable and thread-safe.
 */
public final class PartitaConnectionMetaData implements ConnectionMetaData {

    /** The JMSX property names the provider supports. */
    public static final List<String> JMSX_PROPERTIES = List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
    /** The version reported when no jar manifest names one. */
    static final String DEVELOPMENT_VERSION = "0.1.0-SNAPSHOT";
    /** The one instance: nothing in it depends on the connection. */
    public static final PartitaConnectionMetaData INSTANCE = new PartitaConnectionMetaData();

    private final String providerVersion;

    private PartitaConnectionMetaData() {
        String fromManifest = PartitaConnectionMetaData.class.getPackage().getImplementationVersion();
        this.providerVersion = fromManifest != null ? fromManifest : DEVELOPMENT_VERSION;
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Partita";
    }

    @Override
    public String getProviderVersion() {
        return providerVersion;
    }

    @Override
    public int getProviderMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return versionPart(1);
    }

    private int versionPart(int index) {
        String[] parts = providerVersion.split("[.-]");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
