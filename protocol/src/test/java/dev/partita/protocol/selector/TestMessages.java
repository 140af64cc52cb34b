package dev.partita.protocol.selector;

import java.util.HashMap;
import java.util.Map;

/** Property maps the selector tests evaluate against, and a three-valued view of results. */
final class TestMessages {

    private TestMessages() {
    }

    /** One message holding a value of every kind a selector can see, plus the headers. */
    static Map<String, Object> standard() {
        Map<String, Object> m = new HashMap<>();
        m.put("str", "abc");
        m.put("quote", "it's");
        m.put("empty", "");
        m.put("pct", "100%");
        m.put("under", "a_c");
        m.put("uni", "\uD83D\uDE00x");
        m.put("i", 5);
        m.put("l", 10L);
        m.put("by", (byte) 3);
        m.put("sh", (short) 7);
        m.put("f", 2.5f);
        m.put("d", 2.5d);
        m.put("tenth", 0.1d);
        m.put("t", true);
        m.put("fl", false);
        m.put("big", Long.MAX_VALUE);
        m.put("min", Long.MIN_VALUE);
        m.put("intMax", Integer.MAX_VALUE);
        m.put("nan", Double.NaN);
        m.put("zero", 0);
        m.put("dzero", 0.0d);
        m.put("obj", new Object());
        m.put("chars", new char[] {'a'});
        m.put("$dollar", 1);
        m.put("_under_", 2);
        m.put("caseName", "lower");
        m.put("CASENAME", "upper");
        m.put("JMSPriority", 4);
        m.put("JMSDeliveryMode", 2);
        m.put("JMSMessageID", "ID:42");
        m.put("JMSTimestamp", 1_700_000_000_000L);
        m.put("JMSType", "order");
        // Not selectable: a selector must see NULL even though the context would answer.
        m.put("JMSDestination", "queue://orders");
        m.put("JMSExpiration", 0L);
        m.put("JMSRedelivered", false);
        m.put("JMSXDeliveryCount", 2);
        m.put("JMS_vendor", "x");
        return m;
    }

    /** TRUE, FALSE or UNKNOWN for an evaluation result. */
    static String threeValued(Object result) {
        if (result == null) {
            return "UNKNOWN";
        }
        return result.equals(Boolean.TRUE) ? "TRUE" : result.equals(Boolean.FALSE) ? "FALSE" : "VALUE " + result;
    }

    static String evaluate(String selector, Map<String, Object> message) throws SelectorSyntaxException {
        return threeValued(Selector.parse(selector).evaluate(message::get));
    }
}
