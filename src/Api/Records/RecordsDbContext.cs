using Microsoft.EntityFrameworkCore;

namespace ResNetService.Api.Records;

/// <summary>
/// The system of record: datasets, runs and their epochs, models and settings. Each provider has a context of its
/// own (<see cref="SqliteRecordsContext"/>, <see cref="PostgreSqlRecordsContext"/>) so each has its own migrations.
/// </summary>
public abstract class RecordsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DatasetRow> Datasets => Set<DatasetRow>();
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<EpochRow> Epochs => Set<EpochRow>();
    public DbSet<ModelRow> Models => Set<ModelRow>();
    public DbSet<SettingRow> Settings => Set<SettingRow>();
    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();
    public DbSet<DatasetHealthRow> DatasetHealth => Set<DatasetHealthRow>();
    public DbSet<SweepRow> Sweeps => Set<SweepRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DatasetRow>(dataset =>
        {
            dataset.ToTable("datasets");
            dataset.HasKey(d => d.Id);
            dataset.Property(d => d.Id).HasMaxLength(32);
            dataset.Property(d => d.Manifest).AsJson();
            dataset.HasIndex(d => d.CreatedAt);
        });
        model.Entity<DatasetHealthRow>(health =>
        {
            health.ToTable("dataset_health");
            health.HasKey(h => h.DatasetId);
            health.Property(h => h.DatasetId).HasMaxLength(32);
            health.Property(h => h.State).HasConversion<string>().HasMaxLength(16);
            health.Property(h => h.Report).AsJson();
            health.HasOne<DatasetRow>().WithOne().HasForeignKey<DatasetHealthRow>(h => h.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<RunRow>(run =>
        {
            run.ToTable("runs");
            run.HasKey(r => r.Id);
            run.Property(r => r.Id).HasMaxLength(32);
            run.Property(r => r.DatasetId).HasMaxLength(32);
            run.Property(r => r.ModelId).HasMaxLength(32);
            run.Property(r => r.SourceModelId).HasMaxLength(32);
            run.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            run.Property(r => r.Model).AsJson();
            run.Property(r => r.Training).AsJson();
            run.Property(r => r.Progress).AsJson();
            run.HasMany(r => r.Epochs).WithOne().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
            run.HasIndex(r => new { r.State, r.CreatedAt });
            run.HasIndex(r => r.DatasetId);
            run.Property(r => r.SweepId).HasMaxLength(32);
            run.Property(r => r.SweepParameters).AsJson();
            // Two processes that decide the same trial cannot both record it.
            run.HasIndex(r => new { r.SweepId, r.SweepTrial }).IsUnique();
        });
        model.Entity<SweepRow>(sweep =>
        {
            sweep.ToTable("sweeps");
            sweep.HasKey(s => s.Id);
            sweep.Property(s => s.Id).HasMaxLength(32);
            sweep.Property(s => s.DatasetId).HasMaxLength(32);
            sweep.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            sweep.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(16);
            sweep.Property(s => s.Spec).AsJson();
            sweep.HasIndex(s => new { s.State, s.CreatedAt });
        });
        model.Entity<EpochRow>(epoch =>
        {
            epoch.ToTable("run_epochs");
            epoch.HasKey(e => new { e.RunId, e.Epoch });
        });
        model.Entity<ModelRow>(row =>
        {
            row.ToTable("models");
            row.HasKey(m => m.Id);
            row.Property(m => m.Id).HasMaxLength(32);
            row.Property(m => m.SourceRunId).HasMaxLength(32);
            row.Property(m => m.SourceModelId).HasMaxLength(32);
            row.Property(m => m.ImportedFrom).HasMaxLength(512);
            row.Property(m => m.TrainClassCounts).AsJson();
            row.HasIndex(m => m.SourceRunId).IsUnique();
            row.HasIndex(m => m.CreatedAt);
            row.Property(m => m.Description).AsJson();
            row.Property(m => m.History).AsJson();
            row.Property(m => m.Test).AsJson();
        });
        model.Entity<ApiKeyRow>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(32);
            key.Property(k => k.Hash).HasMaxLength(64);
            key.HasIndex(k => k.Hash).IsUnique();
            key.Property(k => k.Scopes).AsJson();
        });
        model.Entity<SettingRow>(setting =>
        {
            setting.ToTable("settings");
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
        });
    }
}
