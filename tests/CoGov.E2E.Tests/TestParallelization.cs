// The browser tests drive one app per class on a 2-core machine: classes run one after another, so timings stay steady.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
