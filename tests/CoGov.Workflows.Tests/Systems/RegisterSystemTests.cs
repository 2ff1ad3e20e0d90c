using CoGov.Domain.Common;
using CoGov.Domain.Systems;
using CoGov.Workflows.Common;
using CoGov.Workflows.Organisations;
using CoGov.Workflows.Systems;
using Microsoft.EntityFrameworkCore;
using static CoGov.Workflows.Tests.Riverside;

namespace CoGov.Workflows.Tests.Systems;

public sealed class RegisterSystemTests
{
    private const string Admin = DemoLogins.Admin;
    private const string Daniel = DemoLogins.Daniel;

    private static RegisterSystem Payroll(string? key = null, string name = "PayCheck Overtime Approval") => new(
        Key, key, name,
        "Approves or flags overtime claims against rostered hours before payroll.",
        "Ledgerline Ltd", Sourcing.Procured,
        "Three-year licence from 2025; hosted in the UK.",
        ["Overtime claims", "  Rostered hours  ", "", "Overtime claims"],
        "Payroll");

    [Fact]
    public async Task AStewardRegistersASystemWhoseKeyIsMadeFromItsName()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var key = await app.SendAsync(Payroll(), await app.UserAsync(Amara));

        Assert.Equal("paycheck-overtime-approval", key);
        var system = await app.WithDbAsync(db => db.Systems.AsNoTracking().SingleAsync(s => s.Key == key));
        Assert.Equal("PayCheck Overtime Approval", system.Name);
        Assert.Equal("Ledgerline Ltd", system.Vendor);
        Assert.Equal(Sourcing.Procured, system.Sourcing);
        Assert.Equal("Three-year licence from 2025; hosted in the UK.", system.ContractNotes);
        Assert.Equal(["Overtime claims", "Rostered hours"], system.PersonalData);
        Assert.Equal("Payroll", system.Department);
        var overview = await app.SendAsync(new GetOrganisation(Key), await app.UserAsync(Amara));
        Assert.Contains(overview.Systems, s => s.Key == key && s.LatestCycle is null);
    }

    [Fact]
    public async Task AKeyGivenIsUsedAsGiven()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var key = await app.SendAsync(Payroll(key: " overtime "), await app.UserAsync(Leila));

        Assert.Equal("overtime", key);
    }

    [Fact]
    public async Task AKeyAlreadyUsedInTheOrganisationIsRefusedOnTheKeyField()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);
        var amara = await app.UserAsync(Amara);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => app.SendAsync(Payroll(key: "rostering"), amara));

        var message = Assert.Single(refused.Errors[nameof(RegisterSystem.Key)]);
        Assert.Equal("'rostering' is already the key of ShiftWise Rostering: choose another key.", message.ToString());
        Assert.Equal(3, await app.WithDbAsync(db => db.Systems.CountAsync()));
    }

    [Theory]
    [InlineData("Staff Rostering")]
    [InlineData("new")]
    [InlineData("-rota")]
    public async Task AKeyThatCannotBeAnAddressIsRefusedOnTheKeyField(string key)
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () => await app.SendAsync(Payroll(key: key), await app.UserAsync(Amara)));

        Assert.Contains(nameof(RegisterSystem.Key), refused.Errors.Keys);
    }

    [Fact]
    public async Task EmptyFieldsAreRefusedEachWithItsOwnMessage()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var refused = await Assert.ThrowsAsync<InputRejectedException>(async () =>
            await app.SendAsync(new RegisterSystem(Key, null, " ", "", "", Sourcing.InHouse, null, [], ""), await app.UserAsync(Amara)));

        Assert.Equal(
            [nameof(RegisterSystem.Department), nameof(RegisterSystem.Key), nameof(RegisterSystem.Name), nameof(RegisterSystem.Purpose), nameof(RegisterSystem.Vendor)],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnAdministratorMayRegisterASystemAndAManagerMayNot()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        var byAdmin = await app.SendAsync(Payroll(), await app.UserAsync(Admin));
        var refused = await Assert.ThrowsAsync<ForbiddenException>(async () => await app.SendAsync(Payroll(key: "overtime"), await app.UserAsync(Daniel)));

        Assert.Equal("paycheck-overtime-approval", byAdmin);
        Assert.Equal("This needs the Steward or Admin role in this organisation.", refused.Message);
        Assert.False(await app.WithDbAsync(db => db.Systems.AnyAsync(s => s.Key == "overtime")));
    }

    [Fact]
    public async Task WhatTheRegistrationPageAndTheOrganisationPageOfferFollowsTheSameRule()
    {
        await using var app = await TestApp.StartWithRiversideAsync(withAccounts: true);

        foreach (var (email, may) in new[] { (Amara, true), (Leila, true), (Admin, true), (Daniel, false), (Helen, false) })
        {
            var user = await app.UserAsync(email);
            var registration = await app.SendAsync(new GetSystemRegistration(Key), user);
            var overview = await app.SendAsync(new GetOrganisation(Key), user);
            Assert.True(may == registration.MayRegister, email);
            Assert.True(may == overview.MayRegisterSystem, email);
        }
        var page = await app.SendAsync(new GetSystemRegistration(Key), await app.UserAsync(Amara));
        Assert.Equal("Riverside Municipal Hospital", page.OrganisationName);
        Assert.Equal(["Estates and Facilities", "HR Recruitment", "Workforce Planning"], page.Departments);
    }

    [Theory]
    [InlineData("ShiftWise Rostering", "shiftwise-rostering")]
    [InlineData("  Évaluation des équipes — 2026 ", "evaluation-des-equipes-2026")]
    [InlineData("CV/Screening (v2)", "cv-screening-v2")]
    [InlineData("\u03a3\u03cd\u03c3\u03c4\u03b7\u03bc\u03b1", "")]
    [InlineData("", "")]
    public void AKeyIsMadeFromANameAsAPersonWouldShortenIt(string name, string key)
    {
        Assert.Equal(key, RegisterSystem.KeyFromName(name));
        Assert.True(key.Length == 0 || Keys.IsValid(key));
    }

    [Fact]
    public void AKeyMadeFromALongNameIsCutToTheLongestKeyAllowedWithoutATrailingHyphen()
    {
        var key = RegisterSystem.KeyFromName(string.Join(' ', Enumerable.Repeat("abcdefg", 20)));

        Assert.True(Keys.IsValid(key), key);
        Assert.Equal(Keys.MaxLength - 1, key.Length);
    }
}
