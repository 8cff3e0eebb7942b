using System.Threading.Tasks;
using DynamoGuard.Rules;
using DynamoGuard.Tests.Verification;

namespace DynamoGuard.Tests.Rules
{
    /// <summary>
    /// DDB202 for an object loaded into a field or property of the class rather than a local, as Razor page models do
    /// (<c>this.TODOList = await DataAccess.GetTODOListAsync(user, id); this.TODOList.Items = ...;
    /// await DataAccess.SaveTODOListAsync(this.TODOList);</c>). Followed only when the method itself assigns the member
    /// in straight-line code. The model, the data access class and the pages are separate files.
    /// </summary>
    public class WholeItemWriteBackMemberTests
    {
        private const string Usings = @"using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
";

        private const string Models = Usings + @"
namespace Todo.Common
{
    public class TodoList
    {
        [DynamoDBHashKey] public string User { get; set; } = """";
        [DynamoDBRangeKey] public string ListId { get; set; } = """";
        public string Name { get; set; } = """";
        public List<string> Items { get; set; } = new List<string>();
        public DateTime UpdateDate { get; set; }
    }

    public class VersionedList
    {
        [DynamoDBHashKey] public string ListId { get; set; } = """";
        public string Name { get; set; } = """";
        [DynamoDBVersion] public int? Version { get; set; }
    }
}
";

        private const string DataAccess = Usings + @"using Todo.Common;

namespace Todo.DataAccess
{
    public interface ITodoListDataAccess
    {
        Task<TodoList> GetTodoListAsync(string user, string listId);
        Task SaveTodoListAsync(TodoList list);
    }

    public class TodoListDataAccess : ITodoListDataAccess
    {
        private DynamoDBContext Context { get; set; }

        public TodoListDataAccess(IAmazonDynamoDB client)
        {
            Context = new DynamoDBContext(client);
        }

        public async Task<TodoList> GetTodoListAsync(string user, string listId)
        {
            try
            {
                var list = await Context.LoadAsync<TodoList>(user, listId);
                return list;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(""Error getting the list"", e);
            }
        }

        public async Task SaveTodoListAsync(TodoList list)
        {
            list.UpdateDate = DateTime.UtcNow;
            await Context.SaveAsync(list);
        }
    }
}
";

        private static CSharpTest Test(string page)
        {
            var test = new CSharpTest(new AtomicUpdateAnalyzer())
            {
                TestCode = Usings + "using Todo.Common;\nusing Todo.DataAccess;\n" + page,
                DiagnosticId = "DDB202",
            };
            test.AdditionalSources.Add(("Common/TodoList.cs", Models));
            test.AdditionalSources.Add(("DataAccess/TodoListDataAccess.cs", DataAccess));
            return test;
        }

        [Fact]
        public async Task LoadedIntoAProperty_ChangedAndSavedThroughTheDataAccess_TriggersWithMessage()
        {
            var test = Test(@"
namespace Todo.Pages
{
    public class EditListModel
    {
        private ITodoListDataAccess DataAccess { get; set; }

        public TodoList? TodoList { get; set; }

        public EditListModel(ITodoListDataAccess dataAccess)
        {
            DataAccess = dataAccess;
        }

        public async Task OnPost(string user, string listId, List<string> tasks)
        {
            this.TodoList = await this.DataAccess.GetTodoListAsync(user, listId);
            this.TodoList.Items = tasks;
            await this.DataAccess.{|#0:SaveTodoListAsync|}(this.TodoList);
        }
    }
}");
            test.ExpectedDiagnostics.Add(new DiagnosticResult("DDB202").WithLocation(0).WithMessage(
                "ITodoListDataAccess.SaveTodoListAsync writes back the whole item ITodoListDataAccess.GetTodoListAsync returned after changing 'Items', without a condition: changes other writers make to the item in between are lost (update only the changed attributes, or add a version)"));
            await test.RunAsync();
        }

        [Fact]
        public async Task LoadedIntoAField_ChangedAndSavedInTheMethod_Triggers()
        {
            await Test(@"
namespace Todo.Pages
{
    public class RenameHandler
    {
        private readonly IDynamoDBContext _context;
        private TodoList? _list;

        public RenameHandler(IDynamoDBContext context) => _context = context;

        public async Task RenameAsync(string user, string listId, string name)
        {
            _list = await _context.LoadAsync<TodoList>(user, listId);
            if (_list is null)
            {
                return;
            }

            _list.Name = name;
            await _context.[|SaveAsync|](_list);
        }
    }
}").RunAsync();
        }

        [Fact]
        public async Task LookAlikes_AreSilent()
        {
            await Test(@"
namespace Todo.Pages
{
    public class ListPages
    {
        private readonly IDynamoDBContext _context;
        private readonly ITodoListDataAccess _data;
        private TodoList? _list;
        private VersionedList? _versioned;
        private TodoList? _computed;

        public ListPages(IDynamoDBContext context, ITodoListDataAccess data)
        {
            _context = context;
            _data = data;
        }

        public TodoList? Current { get => _computed; set => _computed = value; }

        public async Task OnGet(string user, string listId)
        {
            _list = await _data.GetTodoListAsync(user, listId);
        }

        public async Task OnPostLoadedElsewhereAsync(List<string> tasks)
        {
            // Loaded by another request handler: what the field holds here is not known.
            _list!.Items = tasks;
            await _data.SaveTodoListAsync(_list);
        }

        public async Task OnPostRefreshedAsync(string user, string listId, string name)
        {
            _list = await _data.GetTodoListAsync(user, listId);
            _list.Name = name;
            Reload(user);
            await _data.SaveTodoListAsync(_list);
        }

        public async Task OnPostMaybeLoadedAsync(string user, string listId, string name, bool load)
        {
            if (load)
            {
                _list = await _data.GetTodoListAsync(user, listId);
            }

            _list!.Name = name;
            await _context.SaveAsync(_list);
        }

        public async Task OnPostUnchangedAsync(string user, string listId)
        {
            _list = await _data.GetTodoListAsync(user, listId);
            await _data.SaveTodoListAsync(_list);
        }

        public async Task OnPostVersionedAsync(string listId, string name)
        {
            _versioned = await _context.LoadAsync<VersionedList>(listId);
            _versioned.Name = name;
            await _context.SaveAsync(_versioned);
        }

        public async Task OnPostThroughAccessorsAsync(string user, string listId, string name)
        {
            // A property with code in its accessors: what is read back need not be what was assigned.
            Current = await _data.GetTodoListAsync(user, listId);
            Current.Name = name;
            await _context.SaveAsync(Current);
        }

        private void Reload(string user) => _list = new TodoList { User = user };
    }
}").RunAsync();
        }
    }
}
