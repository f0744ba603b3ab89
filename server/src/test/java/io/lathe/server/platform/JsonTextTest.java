package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lathe.server.platform.JsonText.ObjectScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void tellsObjectsWithAndWithoutTheKeyFromOtherText() {
        assertEquals(ObjectScan.WITH_KEY, JsonText.scanObject("{\"_time\": \"t\", \"a\": 1}", "_time"));
        assertEquals(ObjectScan.WITHOUT_KEY, JsonText.scanObject("{\"a\": {\"_time\": 1}}", "_time"));
        assertEquals(ObjectScan.EMPTY, JsonText.scanObject("{ }", "_time"));
        assertEquals(ObjectScan.NOT_AN_OBJECT, JsonText.scanObject("[1, 2]", "_time"));
        assertEquals(ObjectScan.NOT_AN_OBJECT, JsonText.scanObject("{\"a\": 1} {\"b\": 2}", "_time"));
        assertEquals(ObjectScan.NOT_AN_OBJECT, JsonText.scanObject("{\"a\": 1", "_time"));
        assertEquals(ObjectScan.NOT_AN_OBJECT, JsonText.scanObject("{a: 1}", "_time"));
    }

    @Test
    void handsOverTopLevelNumbersExactlyAsTheJdkReadsThem() {
        // 17 significant digits and exponents are where a fast parser could round differently from the JDK's.
        List<String> numbers = List.of("0", "-0", "1", "-17", "0.1", "0.33333333333333331", "1.0000000000000002",
                "2.2250738585072014E-308", "4.9e-324", "1.7976931348623157e308", "1e400", "-1e-400",
                "123456789012345678901234567890", "6.02214076e23", "0.30000000000000004", "9007199254740993");
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < numbers.size(); i++) {
            object.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":").append(numbers.get(i));
        }
        object.append(",\"nested\":{\"skipped\":1},\"text\":\"2\"}");
        List<Map.Entry<String, Double>> seen = new ArrayList<>();

        ObjectScan scan = JsonText.scanObject(object.toString(), "_time",
                (key, value) -> seen.add(Map.entry(key, value)));

        assertEquals(ObjectScan.WITHOUT_KEY, scan);
        assertEquals(numbers.size(), seen.size());
        for (int i = 0; i < numbers.size(); i++) {
            assertEquals("n" + i, seen.get(i).getKey());
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(numbers.get(i))),
                    Double.doubleToRawLongBits(seen.get(i).getValue()), numbers.get(i));
        }
    }
}
