/*
 * JavaCPP preset of the DecentDB C API: tells the parser which header to read
 * (decentdb.h, the engine's only public header) and where the generated Java goes, and
 * tells the builder to link the engine's static library into the JNI library. Mapping
 * rules only (InfoMap); the Java API itself is generated at build time.
 */
package org.decentdb.presets;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * Generated API: functions and constants in {@code org.decentdb.global.decentdb}, the
 * opaque handles {@code decentdb_db} and {@code decentdb_stmt} as Pointer classes in
 * {@code org.decentdb}. The JNI library is {@code jnidecentdb}, packaged as
 * {@code org/decentdb/<platform>/libjnidecentdb.so} (or .dylib/.dll) in the classifier jar
 * of each platform; libdecentdb.a is linked into it, so it needs no separate engine library.
 */
@Properties(
    target = "org.decentdb",
    global = "org.decentdb.global.decentdb",
    value = @Platform(
        value = {"linux", "macosx", "windows"},
        include = "decentdb.h",
        link = "decentdb"))
public class decentdb implements InfoMapper {
    @Override
    public void map(InfoMap infoMap) {
        // Export and include-guard macros carry no API.
        infoMap.put(new Info("DECENTDB_API").cppTypes().annotations())
               .put(new Info("DECENTDB_H").skip());
        // The handles are opaque structs behind typedefs: each becomes one Pointer class.
        infoMap.put(new Info("decentdb_db").pointerTypes("decentdb_db"))
               .put(new Info("decentdb_stmt").pointerTypes("decentdb_stmt"));
    }
}
