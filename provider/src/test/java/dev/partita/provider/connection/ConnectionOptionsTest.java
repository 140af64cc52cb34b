package dev.partita.provider.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.ClientConfig;
import dev.partita.protocol.record.CompressionType;
import dev.partita.provider.PartitaConnectionFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConnectionOptionsTest {

    @Test
    void aPlainUrlTakesEveryDefault() {
        ConnectionOptions options = ConnectionOptions.parse("partita://localhost:7676");
        assertThat(options.brokers()).isEqualTo("localhost:7676");
        assertThat(options.clientId()).isNull();
        assertThat(options.user()).isNull();
        assertThat(options.password()).isNull();
        assertThat(options.prefetch()).isEqualTo(1000);
        assertThat(options.blockOnAcknowledge()).isTrue();
        assertThat(options.reconnectTimeoutMs()).isEqualTo(30_000);
        assertThat(options.sendTimeoutMs()).isEqualTo(60_000);
        assertThat(options.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(options.batchSize()).isEqualTo(16_384);
        assertThat(options.lingerMs()).isZero();
        assertThat(options.bufferMemory()).isEqualTo(32L * 1024 * 1024);
        assertThat(options.compression()).isEqualTo(CompressionType.NONE);
        assertThat(options.maxMessageSize()).isEqualTo(1024 * 1024);
        assertThat(options.autoCreate()).isTrue();
        assertThat(options.objectMessageAllowlist().packages()).contains("java.lang", "java.util");
    }

    @Test
    void everyOptionIsRead() {
        ConnectionOptions options = ConnectionOptions.parse("partita://a:1,b:2,[::1]:3?clientID=app-1&user=alice"
                + "&password=p%26ss%3Dw0rd&prefetch=10&blockOnAcknowledge=false&reconnectTimeout=500&sendTimeout=700"
                + "&requestTimeout=900&batchSize=1024&lingerMs=5&bufferMemory=65536&compression=LZ4&maxMessageSize=2048"
                + "&autoCreate=false&objectMessageAllowlist=com.example,org.acme");
        assertThat(options.brokers()).isEqualTo("a:1,b:2,[::1]:3");
        assertThat(options.clientId()).isEqualTo("app-1");
        assertThat(options.user()).isEqualTo("alice");
        assertThat(options.password()).isEqualTo("p&ss=w0rd");
        assertThat(options.prefetch()).isEqualTo(10);
        assertThat(options.blockOnAcknowledge()).isFalse();
        assertThat(options.reconnectTimeoutMs()).isEqualTo(500);
        assertThat(options.sendTimeoutMs()).isEqualTo(700);
        assertThat(options.requestTimeoutMs()).isEqualTo(900);
        assertThat(options.batchSize()).isEqualTo(1024);
        assertThat(options.lingerMs()).isEqualTo(5);
        assertThat(options.bufferMemory()).isEqualTo(65536);
        assertThat(options.compression()).isEqualTo(CompressionType.LZ4);
        assertThat(options.maxMessageSize()).isEqualTo(2048);
        assertThat(options.autoCreate()).isFalse();
        assertThat(options.objectMessageAllowlist().packages()).containsExactly("com.example", "org.acme");
        assertThat(options.toString()).doesNotContain("p%26ss").contains("password=***");
    }

    @Test
    void theClientConfigurationFollowsTheOptions() {
        ConnectionOptions options = ConnectionOptions.parse("PARTITA://h1,h2:9?sendTimeout=700&reconnectTimeout=500"
                + "&batchSize=1024&lingerMs=5&autoCreate=false&maxMessageSize=2048&compression=gzip");
        ClientConfig config = options.clientConfig("c", "bob", null);
        assertThat(config.bootstrapServers()).extracting(Object::toString).containsExactly("h1:7676", "h2:9");
        assertThat(config.username()).isEqualTo("bob");
        assertThat(config.password()).isEmpty();
        assertThat(config.deliveryTimeoutMs()).isEqualTo(700);
        assertThat(config.maxBlockMs()).isEqualTo(500);
        assertThat(config.batchSize()).isEqualTo(1024);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.autoCreateTopics()).isFalse();
        assertThat(config.maxRequestSize()).isEqualTo(2048);
        assertThat(config.compression()).isEqualTo(CompressionType.GZIP);
        assertThat(options.clientConfig("c", null, "ignored").authenticates()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tcp://localhost:7676|does not start with partita://",
            "partita://|names no broker",
            "partita://?clientID=x|names no broker",
            "partita://a:1,,b:2|empty broker",
            "partita://a:port|is not a number",
            "partita://a:0|must be 1..65535",
            "partita://a:70000|must be 1..65535",
            "partita://::1:7676|several ':'",
            "partita://[::1|never closes",
            "partita://a:1/path|is not a number",
            "partita://a/b:1|not a host name",
            "partita://a:1?color=red|unknown option \"color\"",
            "partita://a:1?prefetch=1&prefetch=2|given twice",
            "partita://a:1?prefetch=many|prefetch must be a number",
            "partita://a:1?prefetch=-1|prefetch must be at least 0",
            "partita://a:1?sendTimeout=0|sendTimeout must be at least 1",
            "partita://a:1?blockOnAcknowledge=yes|must be true or false",
            "partita://a:1?compression=rar|must be none, gzip, snappy, lz4 or zstd",
            "partita://a:1?clientID=|clientID is empty",
            "partita://a:1?novalue|is not option=value",
            "partita://a:1?user=%zz|not URL-encoded correctly",
            "partita://a:1?objectMessageAllowlist=.bad|objectMessageAllowlist",
    })
    void aBadUrlIsRefusedWithAClearMessage(String url, String expected) {
        assertThatThrownBy(() -> ConnectionOptions.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
        assertThatThrownBy(() -> new PartitaConnectionFactory(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingUrlIsRefused() {
        assertThatThrownBy(() -> ConnectionOptions.parse(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> ConnectionOptions.parse("  ")).hasMessageContaining("missing");
    }

    @Test
    void theFactoryReferenceHoldsItsUrl() {
        javax.naming.Reference reference = new PartitaConnectionFactory("partita://a:1?clientID=x").getReference();
        assertThat(reference.getClassName()).isEqualTo(PartitaConnectionFactory.class.getName());
        assertThat(reference.getFactoryClassName()).isEqualTo("dev.partita.jndi.PartitaObjectFactory");
        assertThat(reference.get(PartitaConnectionFactory.BROKER_URL_ADDRESS).getContent()).isEqualTo("partita://a:1?clientID=x");
    }

    @Test
    void theFactorySerializesAsItsUrl() throws Exception {
        PartitaConnectionFactory factory = new PartitaConnectionFactory("partita://a:1?clientID=x&prefetch=5");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            PartitaConnectionFactory copy = (PartitaConnectionFactory) in.readObject();
            assertThat(copy.getBrokerUrl()).isEqualTo(factory.getBrokerUrl());
            assertThat(copy.options().prefetch()).isEqualTo(5);
            assertThat(copy.options().clientId()).isEqualTo("x");
        }
    }
}
