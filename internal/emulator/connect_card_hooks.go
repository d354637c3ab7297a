package emulator

import "fmt"

// CompleteConnectCard is the test hook for a Connect Card its owner has
// completed: the connection's status.setup_state becomes "connected", as if
// the owner had signed in on the card's page and the setup tests had passed.
// Nothing else changes (the card, config and schedule stay as they were), so
// a client that only reads the connection sees exactly what the owner's
// sign-in changes.
//
// It returns an error for an unknown connection id, and for a connection
// that was never issued a card (neither at create, with connect_card_config,
// nor through POST /connections/{id}/connect-card): there is nothing to
// complete.
func (e *Emulator) CompleteConnectCard(connectionID string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.st.Connections[connectionID]
	if o == nil {
		return fmt.Errorf("emulator: connection %q not found", connectionID)
	}
	if card, _ := o.Data["connect_card"].(map[string]any); card == nil {
		return fmt.Errorf("emulator: connection %q has no Connect Card to complete", connectionID)
	}
	status, _ := o.Data["status"].(map[string]any)
	if status == nil {
		status = map[string]any{}
		o.Data["status"] = status
	}
	status["setup_state"] = statusFor(true)
	e.commit()
	return nil
}
