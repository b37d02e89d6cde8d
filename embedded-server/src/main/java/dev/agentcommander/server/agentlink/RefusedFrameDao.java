package dev.agentcommander.server.agentlink;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/**
 * The {@code refused_frames} table: where refused durable frames are parked (written with the cursor move). A frame
 * parked already is kept as it is: parking must never fail, or the frame would block its host again.
 */
public interface RefusedFrameDao {
    @SqlBatch("""
            INSERT INTO refused_frames (host_id, stream_id, seq, code, reason, frame, refused_at)
            VALUES (:hostId, :streamId, :seq, :code, :reason, :frame, :refusedAt)
            ON CONFLICT DO NOTHING
            """)
    void insert(@BindMethods List<RefusedFrame> frames);
}
