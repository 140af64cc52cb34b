package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSException;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PropertyNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "camelCase9", "\u00e9t\u00e9", "JMSXGroupID", "JMSXGroupSeq",
            "JMS_IBM_Format", "nullable", "island"})
    void validNamesAreAccepted(String name) throws JMSException {
        PartitaMessage message = new PartitaMessage();
        message.setIntProperty(name, 1);
        assertThat(message.getIntProperty(name)).isEqualTo(1);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "true", "False", "NOT", "and", "Or", "BETWEEN", "like", "IN", "is", "ESCAPE"})
    void selectorReservedWordsAreRefusedInAnyCase(String name) {
        assertThatThrownBy(() -> new PartitaMessage().setStringProperty(name, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved word");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a.b", "a b", "-", "a=b"})
    void namesThatAreNotIdentifiersAreRefused(String name) {
        assertThatThrownBy(() -> new PartitaMessage().setStringProperty(name, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void nullAndEmptyNamesAreRefusedBySettersAndGetters() {
        PartitaMessage message = new PartitaMessage();
        assertThatThrownBy(() -> message.setIntProperty(null, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> message.setIntProperty("", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> message.getObjectProperty(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.getStringProperty("")).isInstanceOf(IllegalArgumentException.class);
        PartitaMapMessage map = new PartitaMapMessage();
        assertThatThrownBy(() -> map.setInt(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.setInt("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> map.getInt("")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSPriority", "JMSMessageID", "JMSFoo", "JMS_Partita_BodyType", "JMS_Partita_x",
            "JMSXDeliveryCount", "JMSXUserID", "JMSXAppID"})
    void reservedJmsNamesAreRefused(String name) {
        assertThatThrownBy(() -> new PartitaMessage().setStringProperty(name, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void refusedNamesLeaveTheMessageUnchanged() throws JMSException {
        PartitaMessage message = new PartitaMessage();
        message.setIntProperty("kept", 1);
        assertThatThrownBy(() -> message.setIntProperty("AND", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Collections.list(message.getPropertyNames())).containsExactly("kept");
    }
}
