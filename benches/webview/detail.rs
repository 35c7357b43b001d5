//! Where the time goes, for the 1 MB article only (the README's figures are for it): one more
//! open with every frame and IPC request logged, each part of an open timed alone, what changing
//! the selection or hover costs, and what the rendering costs around the highlight ranges.

use fantoccini::Client;
use serde_json::{json, Value};

use crate::harness::App;
use crate::scripts::*;
use crate::Failure;

/// The figures behind the "where an open's time goes" part of the printed report.
pub(crate) struct Detail {
    pub(crate) open: Value,
    pub(crate) js_heap: Value,
    pub(crate) page_costs: Value,
    pub(crate) paint_costs: Value,
    pub(crate) interaction_costs: Value,
}

/// One more open, not counted, with every frame and IPC request logged.
pub(crate) async fn open_detail(app: &mut App) -> Result<Value, Failure> {
    app.client.refresh().await?;
    app.wait_for(ARTICLE_ITEM).await;
    app.client.execute(LOG_OPEN, vec![]).await?;
    let _ = crate::open_article(app).await?;
    Ok(app.client.execute(OPEN_DETAIL, vec![]).await?)
}

/// After the timed tags: selection and hover changes, the parts of an open timed one by one
/// from the page, and what a repaint costs.
pub(crate) async fn costs(
    client: &Client,
    article_id: &str,
    open: Value,
) -> Result<Detail, Failure> {
    let js_heap = client
        .execute(
            "return performance.memory ? { used: performance.memory.usedJSHeapSize,
               total: performance.memory.totalJSHeapSize } : null;",
            vec![],
        )
        .await?;
    let interaction_costs = client.execute_async(INTERACTION_COSTS, vec![]).await?;
    let page_costs = client
        .execute_async(PAGE_COSTS, vec![json!(article_id)])
        .await?;
    let paint_costs = client.execute_async(PAINT_COSTS, vec![]).await?;
    Ok(Detail {
        open,
        js_heap,
        page_costs,
        paint_costs,
        interaction_costs,
    })
}
