#!/usr/bin/env bash
# End-to-end check of the NuGet package as a consumer meets it: pack, install from a local folder feed into a brand-new
# console project that uses DynamoDBContext with SkipVersionCheck, build, and assert on the build's actual output.
# Usage: tests/e2e/package-smoke.sh [path-to-folder-holding-DynamoGuard.Analyzers.*.nupkg]
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

feed=${1:-}
if [ -z "$feed" ]; then
  feed="$work/feed"
  dotnet pack "$repo/Analyzers.sln" -c Release -o "$feed" --nologo -v quiet
fi
nupkg=$(ls "$feed"/DynamoGuard.Analyzers.*.nupkg | head -n 1)
version=$(basename "$nupkg" .nupkg); version=${version#DynamoGuard.Analyzers.}

consumer="$work/consumer"
mkdir -p "$consumer"
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dynamoguard-local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <!-- A fresh packages folder, so a cached copy of an older DynamoGuard build can never be what is tested. -->
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AWSSDK.DynamoDBv2" Version="4.0.103.2" />
    <PackageReference Include="DynamoGuard.Analyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat > "$consumer/Program.cs" <<'CS'
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

[DynamoDBTable("Orders")]
public class Order
{
    [DynamoDBHashKey] public string Id { get; set; } = "";
    [DynamoDBVersion] public long? Version { get; set; }
}

public static class Program
{
    public static async Task Main()
    {
        using var client = new AmazonDynamoDBClient();
        var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).Build();
        var order = new Order { Id = "o-1" };
        await context.SaveAsync(order, new SaveConfig { SkipVersionCheck = true });
    }
}
CS

fail() { echo "package-smoke: FAIL: $*" >&2; echo "--- build output ---" >&2; cat "$work/build.log" >&2 2>/dev/null || true; exit 1; }

set +e
dotnet build "$consumer/Consumer.csproj" --nologo -v minimal > "$work/build.log" 2>&1
status=$?
set -e
[ "$status" -eq 0 ] || fail "the consumer project did not build (exit $status)"

# The one warning this code deserves: DDB102 at Program.cs line 19, column 57 (the SkipVersionCheck assignment).
grep -q "Program.cs(19,57): warning DDB102: SaveAsync of versioned type 'Order'" "$work/build.log" \
  || fail "expected DDB102 at Program.cs(19,57)"
count=$(grep -o "warning DDB[0-9]*" "$work/build.log" | sort -u | wc -l)
[ "$count" -eq 1 ] || fail "expected exactly one distinct DDB warning, saw $count"

# A development dependency: nothing of DynamoGuard may reach the consumer's output.
if find "$consumer/bin" -name 'DynamoGuard*' | grep -q .; then
  fail "DynamoGuard assemblies were copied to the consumer's output"
fi

echo "package-smoke: OK (DynamoGuard.Analyzers $version reports DDB102 in a fresh consumer; no assembly in its output)"
