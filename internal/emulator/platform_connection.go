package emulator

// platformService is the service of the connection Fivetran makes itself in
// a new destination's group (PlatformConnection).
const platformService = "fivetran_log"

// addPlatformConnection makes the connection Fivetran adds to a new
// destination's group. Call with e.mu held.
func (e *Emulator) addPlatformConnection(groupID string) {
	id := e.newID()
	status := map[string]any{
		"setup_state": "connected", "sync_state": "scheduled", "update_state": "on_schedule",
		"is_historical_sync": true, "rescheduled_for": nil, "tasks": []any{}, "warnings": []any{},
	}
	e.st.Connections[id] = &object{Seq: e.nextSeq(), Data: map[string]any{
		"id": id, "group_id": groupID, "service": platformService, "service_version": 1,
		"schema":       platformService,
		"connected_by": "system", "created_at": nowStamp(), "succeeded_at": nil, "failed_at": nil,
		"paused": false, "pause_after_trial": false, "sync_frequency": int64(360), "schedule_type": "auto",
		"data_delay_sensitivity": "NORMAL", "data_delay_threshold": int64(0), "networking_method": "Directly",
		"daily_sync_time": nil, "private_link_id": nil, "proxy_agent_id": nil,
		"hybrid_deployment_agent_id": nil, "external_secrets_manager_id": nil,
		"status": status, "config": map[string]any{},
	}}
	e.lagList("connection", id)
}
