import { beforeEach, describe, expect, it, vi } from "vitest";

const cancelJob = vi.fn<(kind: string) => Promise<boolean>>();
vi.mock("../api/jobs", () => ({ cancelJob: (kind: string) => cancelJob(kind) }));

const { JobRun } = await import("./jobRun.svelte");

/** A job whose end the test decides. */
function pending<S>() {
  let finish: (summary: S) => void = () => undefined;
  let fail: (reason: unknown) => void = () => undefined;
  const promise = new Promise<S>((resolve, reject) => [finish, fail] = [resolve, reject]);
  return { promise, finish, fail };
}

describe("JobRun", () => {
  beforeEach(() => {
    cancelJob.mockReset();
    cancelJob.mockResolvedValue(true);
  });

  it("follows a job from its reports to its summary", async () => {
    const job = new JobRun<number, string>("import");
    const end = pending<string>();
    let report: (n: number) => void = () => undefined;
    const running = job.run((onProgress) => ((report = onProgress), end.promise));
    expect(job.phase).toBe("running");
    expect(job.progress).toBeNull();
    report(3);
    expect(job.progress).toBe(3);
    end.finish("done");
    expect(await running).toBe("done");
    expect([job.phase, job.summary]).toEqual(["done", "done"]);
  });

  it("goes back to the form with the reason when the job fails", async () => {
    const job = new JobRun<number, string>("export");
    const result = await job.run(() => Promise.reject({ kind: "invalid_input", message: "No such folder." }));
    expect(result).toBeNull();
    expect([job.phase, job.problem]).toEqual(["idle", "No such folder."]);
  });

  it("asks its own kind of job to stop once, however often cancel is pressed", async () => {
    const job = new JobRun<number, string>("merge");
    await job.cancel();
    expect(cancelJob).not.toHaveBeenCalled();
    const end = pending<string>();
    const running = job.run(() => end.promise);
    await Promise.all([job.cancel(), job.cancel()]);
    expect(cancelJob.mock.calls).toEqual([["merge"]]);
    expect(job.cancelling).toBe(true);
    end.finish("stopped");
    await running;
    expect(job.phase).toBe("done");
  });

  it("lets cancel be asked again after a failed request", async () => {
    cancelJob.mockRejectedValueOnce({ kind: "internal", message: "The shell did not answer." });
    const job = new JobRun<number, string>("annotation_import");
    void job.run(() => pending<string>().promise);
    await job.cancel();
    expect([job.cancelling, job.problem]).toEqual([false, "The shell did not answer."]);
    await job.cancel();
    expect(cancelJob).toHaveBeenCalledTimes(2);
  });
});
