using CoGov.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace CoGov.Workflows.Scheduling;

public static class SchedulingRegistration
{
    /// <summary>
    /// Quartz.NET with its persistent store in the app's own database (the schema is provisioned by Quartz on start),
    /// clustered on a server database, running <see cref="SweepJob"/> every sweep interval.
    /// </summary>
    public static IHostApplicationBuilder AddDueWorkSweep(this IHostApplicationBuilder builder, DatabaseProvider provider, string connectionString)
    {
        var section = builder.Configuration.GetSection(SchedulingOptions.SectionName);
        builder.Services.Configure<SchedulingOptions>(section);
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
        {
            return builder;
        }

        var properties = new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "CoGov",
            // Each node needs its own id in a cluster; AUTO makes one from the host name and the time.
            ["quartz.scheduler.instanceId"] = "AUTO",
        };
        builder.Services.AddQuartz(properties, quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.SqlServer)
                {
                    store.UseSqlServer(connectionString);
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                // Quartz refuses to cluster on SQLite (its locks are in-process), and an embedded SQLite file has one
                // node anyway. On a shared server database, clustering makes one node run each sweep.
                if (provider != DatabaseProvider.Sqlite)
                {
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                }
            });
            quartz.AddJob<SweepJob>(job => job.WithIdentity(SweepJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger
                .ForJob(SweepJob.Key)
                .WithIdentity("due-work-sweep-trigger", "cogov")
                .StartNow()
                // Missed runs (the app was down) collapse into one run at start: the sweep catches up on everything due.
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(options.SweepInterval)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithRemainingCount)));
        });
        builder.Services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return builder;
    }
}
