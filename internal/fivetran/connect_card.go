package fivetran

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// connectCardRequest is the POST /connections/{id}/connect-card body.
type connectCardRequest struct {
	ConnectCardConfig ConnectCardConfig `json:"connect_card_config"`
}

// connectCardResponse is the data of a connect-card response
// (ConnectorConnectCardResponse in the spec). connect_card_config is echoed
// back too; it is not needed, since the caller sent it.
type connectCardResponse struct {
	ConnectorID string       `json:"connector_id"`
	ConnectCard *ConnectCard `json:"connect_card"`
}

// CreateConnectCard asks for a new Connect Card for an existing connection
// (POST /connections/{id}/connect-card, a v2 operation) and returns its token
// and uri. Each call issues a new card; a card cannot be read back later.
//
// Asking again is harmless (it only issues another card, and the lost one is
// never handed out), so the request is repeatable: retried after a 5xx or a
// lost answer like a GET.
func (c *Client) CreateConnectCard(ctx context.Context, connectionID string, cfg ConnectCardConfig) (*ConnectCard, error) {
	if cfg.RedirectURI == "" {
		return nil, errors.New("fivetran: a Connect Card needs a redirect_uri")
	}
	out, err := callObj[connectCardResponse](ctx, c, http.MethodPost, "/connections", connectionID, "/connect-card",
		connectCardRequest{ConnectCardConfig: cfg}, optsAction)
	if err != nil {
		return nil, err
	}
	if out.ConnectCard == nil || out.ConnectCard.URI == "" {
		return nil, fmt.Errorf("%s /connections/%s/connect-card: response has no connect_card uri", http.MethodPost, seg(connectionID))
	}
	return out.ConnectCard, nil
}
