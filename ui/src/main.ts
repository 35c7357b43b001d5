import { mount } from "svelte";
import App from "./App.svelte";
import "./styles.css";

// The app has no links of its own. Should markup from an article ever slip into the page, its
// links must do nothing: the window's navigation handlers refuse to leave the app, but WebKit
// opens a connection to a target=_blank link's host before asking them, which would tell that
// host the analyst's address. Cancelling the click's default action stops it earlier.
for (const type of ["click", "auxclick"]) {
  document.addEventListener(
    type,
    (event) => {
      if (event.target instanceof Element && event.target.closest("a[href], area[href]")) event.preventDefault();
    },
    true,
  );
}

const target = document.getElementById("app");
if (!target) throw new Error("index.html lacks #app");
export default mount(App, { target });
