package io.lathe.server.console;

import java.util.Arrays;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;

/**
 * Lets templates read a record's components as properties ({@code $execution.status} calls {@code status()}), as
 * they read a bean's getters, so that pages can hand the API's view records to templates as they are.
 */
public class RecordUberspector extends UberspectImpl {

    @Override
    public VelPropertyGet getPropertyGet(Object target, String identifier, Info info) {
        if (target != null && target.getClass().isRecord() && Arrays.stream(target.getClass().getRecordComponents())
                .anyMatch(component -> component.getName().equals(identifier))) {
            VelMethod accessor = getMethod(target, identifier, new Object[0], info);
            if (accessor != null) {
                return new VelPropertyGet() {
                    @Override
                    public Object invoke(Object record) throws Exception {
                        return accessor.invoke(record, new Object[0]);
                    }

                    @Override
                    public boolean isCacheable() {
                        return accessor.isCacheable();
                    }

                    @Override
                    public String getMethodName() {
                        return accessor.getMethodName();
                    }
                };
            }
        }
        return super.getPropertyGet(target, identifier, info);
    }
}
